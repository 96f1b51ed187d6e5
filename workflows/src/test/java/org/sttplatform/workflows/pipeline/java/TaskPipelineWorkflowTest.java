package org.sttplatform.workflows.pipeline.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.fleet.SharedQueueLeases;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.RunTask;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.AudioOutput;
import org.sttplatform.workflows.pipeline.component.io.ExtractAudioInput;
import org.sttplatform.workflows.pipeline.component.io.FetchInput;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;
import org.sttplatform.workflows.pipeline.component.io.ProbeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;
import org.sttplatform.workflows.pipeline.component.io.WorkspaceInput;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflowImpl;
import org.sttplatform.workflows.pipeline.engine.RunState;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * A {@code tasks/create} task's pipeline ({@link TaskPipelines}) on the engine, with the task-row
 * envelope: stages, media facts, transcript, failures, cancellation and clean-up; and the rows a
 * definition run's transcriptions create.
 */
class TaskPipelineWorkflowTest {
  private static final long TASK = 42;
  private static final String URL = "https://example.com/a.mp4";
  private static final String WORKSPACE = "task-42";
  private static final MediaRef DOWNLOADED =
      new MediaRef("work/runs/task-42/a1/source.mp4", "a.mp4", 10);
  private static final MediaInfo INFO = new MediaInfo(10.0, "mov,mp4", "aac", 44100, 2, 10);
  private static final AudioRef AUDIO = new AudioRef("work/runs/task-42/a2/audio.wav", 10.0);
  private static final TranscriptRef TRANSCRIPT =
      new TranscriptRef("work/runs/task-42/a2/transcript.json", "en", 0.9, 3, 1.5);

  private final MediaComponents media =
      mock(MediaComponents.class, withSettings().withoutAnnotations());
  private final TranscribeComponent engine =
      mock(TranscribeComponent.class, withSettings().withoutAnnotations());
  private final TaskStoreActivities store =
      mock(TaskStoreActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    ComponentRegistry registry = ComponentRegistry.builtIn();
    env.newWorker(TaskQueues.CPU)
        .registerWorkflowImplementationFactory(
            PipelineWorkflow.class, () -> new PipelineWorkflowImpl(registry));
    env.getWorkerFactory().getWorker(TaskQueues.CPU).registerActivitiesImplementations(media);
    env.newWorker(TaskQueues.GPU)
        .registerActivitiesImplementations(engine, new SharedQueueLeases("test-gpu"));
    env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(store);
    when(media.fetch(any())).thenReturn(new MediaOutput(DOWNLOADED));
    when(media.extractAudio(any()))
        .thenAnswer(
            call -> {
              ExtractAudioInput in = call.getArgument(0);
              return new AudioOutput(
                  AUDIO, Boolean.TRUE.equals(in.probe()) ? ProbeOutput.of(INFO) : null);
            });
    when(engine.transcribe(any())).thenAnswer(call -> output(call.getArgument(0)));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aUrlTaskRunsEveryStepInOrderAndStoresTheTranscriptInItsRow() {
    Map<String, Object> outputs = workflow().run(TaskPipelines.run(urlRequest()));

    assertThat(outputs).containsEntry("task_id", (int) TASK);
    InOrder order = inOrder(media, engine, store);
    order.verify(media).fetch(new FetchInput(WORKSPACE, URL));
    order
        .verify(media)
        .extractAudio(new ExtractAudioInput(WORKSPACE, DOWNLOADED, "wav", 16000, 1, null, true));
    TranscribeStepInput transcribed = transcribeInput();
    assertThat(transcribed.taskId()).isEqualTo(TASK);
    assertThat(transcribed.audio()).isEqualTo(AUDIO);
    assertThat(transcribed.model()).isEqualTo("base");
    assertThat(transcribed.task()).isEqualTo("transcribe");
    assertThat(transcribed.inline()).isFalse();
    // The task's options carry language, word timings and prompt; the step's own parameters of
    // those names stay absent (no defaults), so they do not override them.
    assertThat(transcribed.language()).isNull();
    assertThat(transcribed.wordTimestamps()).isNull();
    assertThat(transcribed.initialPrompt()).isNull();
    assertThat(transcribed.options())
        .containsEntry("language", "de")
        .containsEntry("word_timestamps", true)
        .containsEntry("initial_prompt", "Hallo")
        .containsEntry("temperature", List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0));
    order.verify(store).completed(TASK, TRANSCRIPT);
    order.verify(media).cleanUp(new WorkspaceInput(WORKSPACE));
    // The probe's facts reach the row before it completes.
    InOrder facts = inOrder(store);
    facts.verify(store).mediaProbed(TASK, DOWNLOADED, INFO);
    facts.verify(store).completed(TASK, TRANSCRIPT);
    // Each step is the stage while it runs, with the run's progress (from the weights) so far.
    ArgumentCaptor<Double> progress = ArgumentCaptor.forClass(Double.class);
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.DOWNLOADING), progress.capture());
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.EXTRACTING_AUDIO), progress.capture());
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.TRANSCRIBING), progress.capture());
    assertThat(progress.getAllValues()).isSorted().first().isEqualTo(0.0);
    assertThat(progress.getAllValues().get(2)).isBetween(0.1, 0.5);
    verify(store, never()).failed(anyLong(), anyString());
    verify(store, never()).taskForStep(any());
  }

  /** The un-awaited row writes are deterministic: a finished run replays on the same code. */
  @Test
  void aFinishedTaskReplays() throws Exception {
    workflow().run(TaskPipelines.run(urlRequest()));

    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(WorkflowIds.transcription(TASK)), PipelineWorkflowImpl.class);
  }

  @Test
  void anUploadIsNotDownloadedNorProbedAgain() {
    String path = "uploads/u/a.mp4";

    workflow()
        .run(TaskPipelines.run(new TranscriptionRequest(TASK, null, path, true, null, options())));

    verify(media, never()).fetch(any());
    verify(media)
        .extractAudio(
            new ExtractAudioInput(
                WORKSPACE, new MediaRef(path, null, -1), "wav", 16000, 1, null, false));
    verify(store, never()).mediaProbed(anyLong(), any(), any());
    assertThat(transcribeInput().task()).isEqualTo("translate");
    assertThat(transcribeInput().model()).isNull();
    verify(store).stageChanged(TASK, TaskPipelines.EXTRACTING_AUDIO, 0.0);
    verify(store, never()).stageChanged(eq(TASK), eq(TaskPipelines.DOWNLOADING), anyDouble());
    verify(store).completed(TASK, TRANSCRIPT);
  }

  @Test
  void aFailingCleanUpDoesNotFailACompletedTask() {
    doThrow(ApplicationFailure.newNonRetryableFailure("disk gone", Failures.CLEAN_UP_FAILED))
        .when(media)
        .cleanUp(any());

    workflow().run(TaskPipelines.run(urlRequest()));

    verify(store).completed(TASK, TRANSCRIPT);
    verify(store, never()).failed(anyLong(), anyString());
  }

  @Test
  void aNetworkBlipIsRetried() {
    doThrow(new RuntimeException("connection reset"))
        .doThrow(new RuntimeException("connection reset"))
        .doReturn(new MediaOutput(DOWNLOADED))
        .when(media)
        .fetch(any());

    workflow().run(TaskPipelines.run(urlRequest()));

    verify(media, times(3)).fetch(any());
    verify(store).completed(TASK, TRANSCRIPT);
  }

  @Test
  void aBadFileFailsTheTaskAtOnceWithItsMessage() {
    String message = "The media has no audio stream (streams found: video h264)";
    doThrow(ApplicationFailure.newNonRetryableFailure(message, Failures.NO_AUDIO_STREAM))
        .when(media)
        .extractAudio(any());

    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> workflow().run(TaskPipelines.run(urlRequest())));

    assertThat(((ApplicationFailure) failure.getCause()).getOriginalMessage()).contains(message);
    verify(media, times(1)).extractAudio(any());
    verify(store).failed(TASK, message);
    verify(engine, never()).transcribe(any());
    verify(store, never()).completed(anyLong(), any());
    verify(media).cleanUp(new WorkspaceInput(WORKSPACE));
  }

  @Test
  void exhaustedRetriesFailTheTask() {
    doThrow(new IllegalStateException("engine crashed")).when(engine).transcribe(any());

    catchThrowableOfType(
        WorkflowFailedException.class, () -> workflow().run(TaskPipelines.run(urlRequest())));

    int attempts = ActivityDefaults.transcribe().getRetryOptions().getMaximumAttempts();
    assertThat(attempts).isGreaterThan(1);
    verify(engine, times(attempts)).transcribe(any());
    verify(store).failed(TASK, "engine crashed");
  }

  @Test
  void anUnreadableTranscriptFailsTheTask() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "The transcript file of task 42 is missing", Failures.TRANSCRIPT_UNREADABLE))
        .when(store)
        .completed(anyLong(), any());

    catchThrowableOfType(
        WorkflowFailedException.class, () -> workflow().run(TaskPipelines.run(urlRequest())));

    verify(store).failed(TASK, "The transcript file of task 42 is missing");
  }

  @Test
  void theStateShowsTheRunningStepAndACancelCleansUpWithoutWritingTheRow() throws Exception {
    CountDownLatch transcribing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            call -> {
              transcribing.countDown();
              release.await(30, TimeUnit.SECONDS);
              return output(call.getArgument(0));
            })
        .when(engine)
        .transcribe(any());
    PipelineWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, TaskPipelines.run(urlRequest()));
    assertThat(transcribing.await(30, TimeUnit.SECONDS)).isTrue();

    RunState state = workflow.state();
    assertThat(state.running()).containsExactly(TaskPipelines.TRANSCRIBING);
    assertThat(state.progressWithin(TaskPipelines.TRANSCRIBING, 0.5))
        .isBetween(state.progress(), 1.0);
    assertThat(state.progressWithin(TaskPipelines.TRANSCRIBING, 1.0)).isEqualTo(1.0);

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();
    release.countDown();
    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> stub.getResult(60, TimeUnit.SECONDS, Map.class));
    assertThat(failure.getCause()).isInstanceOf(CanceledFailure.class);
    verify(media).cleanUp(new WorkspaceInput(WORKSPACE));
    // (A transcript that lands together with the cancel may still be written: a deleted row
    // ignores it.)
    verify(store, never()).failed(anyLong(), anyString());
  }

  /** The task is deleted while its failure is being recorded: the working files still go. */
  @Test
  void aCancelWhileRecordingAFailureStillCleansUp() throws Exception {
    doThrow(ApplicationFailure.newNonRetryableFailure("bad", Failures.BAD_MEDIA))
        .when(media)
        .extractAudio(any());
    CountDownLatch recording = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            call -> {
              recording.countDown();
              release.await(30, TimeUnit.SECONDS);
              return null;
            })
        .when(store)
        .failed(anyLong(), anyString());
    PipelineWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, TaskPipelines.run(urlRequest()));
    assertThat(recording.await(30, TimeUnit.SECONDS)).isTrue();

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();
    release.countDown();
    catchThrowableOfType(
        WorkflowFailedException.class, () -> stub.getResult(20, TimeUnit.SECONDS, Map.class));

    verify(store).failed(TASK, "bad");
    verify(media).cleanUp(new WorkspaceInput(WORKSPACE));
  }

  /** A definition run has no row of its own: each transcription gets one, named in its output. */
  @Test
  void eachTranscriptionOfADefinitionRunGetsATaskRow() {
    when(store.taskForStep(any())).thenReturn(7L, 8L);
    PipelineDefinition batch =
        org.sttplatform.workflows.pipeline.definition.PipelineBuilder.pipeline("two", 1)
            .step("transcribe", "transcribe")
            .param("audio", "${item}")
            .forEach("${inputs.audios}", 1)
            .add()
            .output("tasks", "${steps.transcribe.output}")
            .build();
    Map<String, Object> audio = Map.of("key", AUDIO.key(), "durationSeconds", 10.0);

    Map<String, Object> outputs =
        workflow().run(new PipelineRun("r9", batch, Map.of("audios", List.of(audio, audio)), null));

    verify(store).taskForStep(new RunTask("r9", "transcribe#0", false, null, 10.0));
    verify(store).taskForStep(new RunTask("r9", "transcribe#1", false, null, 10.0));
    verify(store).completed(7L, TRANSCRIPT);
    verify(store).completed(8L, TRANSCRIPT);
    verify(store, never()).stageChanged(anyLong(), anyString(), anyDouble());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) outputs.get("tasks");
    assertThat(tasks).extracting(t -> t.get("task_id")).containsExactly(7, 8);
    // The transcript file travels by its storage key, for later steps such as subtitles.
    assertThat(tasks)
        .allSatisfy(
            t ->
                assertThat(t.get("transcript").toString())
                    .contains("key=work/runs/task-42/a2/transcript.json"));
  }

  @Test
  void aFailedTranscriptionOfADefinitionRunMarksItsRowFailed() {
    when(store.taskForStep(any())).thenReturn(7L);
    doThrow(ApplicationFailure.newNonRetryableFailure("no model", Failures.MODEL_UNAVAILABLE))
        .when(engine)
        .transcribe(any());
    PipelineDefinition one =
        org.sttplatform.workflows.pipeline.definition.PipelineBuilder.pipeline("one", 1)
            .step("transcribe", "transcribe")
            .param("audio", Map.of("key", AUDIO.key(), "durationSeconds", 10.0))
            .add()
            .build();

    catchThrowableOfType(
        WorkflowFailedException.class,
        () -> workflow().run(new PipelineRun("r10", one, Map.of(), null)));

    verify(store).failed(7L, "no model");
    verify(store, never()).completed(anyLong(), any());
  }

  private TranscribeStepInput transcribeInput() {
    ArgumentCaptor<TranscribeStepInput> input = ArgumentCaptor.forClass(TranscribeStepInput.class);
    verify(engine, org.mockito.Mockito.atLeastOnce()).transcribe(input.capture());
    return input.getValue();
  }

  private static TranscribeOutput output(TranscribeStepInput input) {
    return new TranscribeOutput(
        input.taskId(), null, "en", 0.9, 10.0, "base", 3, null, null, TRANSCRIPT);
  }

  private PipelineWorkflow workflow() {
    return client.newWorkflowStub(
        PipelineWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.CPU)
            .setWorkflowId(WorkflowIds.transcription(TASK))
            .setWorkflowRunTimeout(Duration.ofDays(1))
            .build());
  }

  /** With the options the component also takes as parameters of its own. */
  private static TranscriptionRequest urlRequest() {
    DecodeOptions d = DecodeOptions.defaults();
    DecodeOptions options =
        new DecodeOptions(
            "de",
            d.temperature(),
            d.compressionRatioThreshold(),
            d.noSpeechThreshold(),
            d.conditionOnPreviousText(),
            "Hallo",
            true,
            d.prependPunctuations(),
            d.appendPunctuations(),
            d.clipTimestamps(),
            d.hallucinationSilenceThreshold());
    return new TranscriptionRequest(TASK, URL, null, false, "base", options);
  }

  private static DecodeOptions options() {
    return DecodeOptions.defaults();
  }
}
