package org.sttplatform.workflows.pipeline.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.SubtitlesComponent;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.AudioOutput;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;
import org.sttplatform.workflows.pipeline.component.io.SubtitlesOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.definition.StepSpec;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflowImpl;

/**
 * A task that asks for subtitle files ({@code subtitle_formats}): its pipeline writes them after
 * the transcription, for the task, before the row completes; a task that asks for none has the
 * pipeline it always had.
 */
class TaskPipelineSubtitlesTest {
  private static final long TASK = 42;
  private static final String URL = "https://example.com/talk.mp4";
  private static final MediaRef DOWNLOADED =
      new MediaRef("work/runs/task-42/a1/talk.mp4", "talk.mp4", 10);
  private static final AudioRef AUDIO = new AudioRef("work/runs/task-42/a2/audio.wav", 10.0);
  private static final TranscriptRef TRANSCRIPT =
      new TranscriptRef("work/runs/task-42/a3/transcript.json", "en", 0.9, 3, 1.5);

  private final MediaComponents media =
      mock(MediaComponents.class, withSettings().withoutAnnotations());
  private final TranscribeComponent engine =
      mock(TranscribeComponent.class, withSettings().withoutAnnotations());
  private final SubtitlesComponent subtitles =
      mock(SubtitlesComponent.class, withSettings().withoutAnnotations());
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
    env.getWorkerFactory()
        .getWorker(TaskQueues.CPU)
        .registerActivitiesImplementations(media, subtitles);
    env.newWorker(TaskQueues.GPU)
        .registerActivitiesImplementations(engine, new SharedQueueLeases("test-gpu"));
    env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(store);
    when(media.fetch(any())).thenReturn(new MediaOutput(DOWNLOADED));
    when(media.extractAudio(any())).thenReturn(new AudioOutput(AUDIO, null));
    when(engine.transcribe(any()))
        .thenReturn(
            new TranscribeOutput(TASK, null, "en", 0.9, 10.0, "base", 3, null, null, TRANSCRIPT));
    when(subtitles.subtitles(any()))
        .thenReturn(
            new SubtitlesOutput(
                List.of(
                    new SubtitlesOutput.File(
                        "srt", "talk.srt", 10, "results/tasks/42/subtitles/talk.srt"))));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aUrlTaskWritesItsSubtitlesForTheTaskNamedAfterTheDownloadBeforeItCompletes() {
    workflow().run(TaskPipelines.run(request(URL, null, List.of("srt", "vtt"))));

    Map<String, Object> input = subtitlesInput();
    assertThat(input)
        .containsEntry("formats", List.of("srt", "vtt"))
        .containsEntry("task_id", (int) TASK)
        .containsEntry("name", "talk.mp4");
    // The transcription's output, whose transcript file (words too) the component reads.
    assertThat(input.get("transcript").toString()).contains("key=" + TRANSCRIPT.key());
    InOrder order = inOrder(engine, subtitles, store, media);
    order.verify(engine).transcribe(any());
    order.verify(subtitles).subtitles(any());
    order.verify(store).completed(TASK, TRANSCRIPT);
    // Before the working folder (and the transcript file in it) is removed.
    order.verify(media).cleanUp(any());
    // The step is the task's stage while it runs (that write is not awaited: no order).
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.WRITING_SUBTITLES), anyDouble());
  }

  @Test
  void theStageProgressOfTheSubtitlesStepComesAfterTheTranscriptionsAndBeforeTheEnd() {
    workflow().run(TaskPipelines.run(request(URL, null, List.of("srt"))));

    ArgumentCaptor<Double> transcribing = ArgumentCaptor.forClass(Double.class);
    ArgumentCaptor<Double> writing = ArgumentCaptor.forClass(Double.class);
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.TRANSCRIBING), transcribing.capture());
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.WRITING_SUBTITLES), writing.capture());
    assertThat(writing.getValue()).isGreaterThan(transcribing.getValue()).isLessThan(1.0);
    // The transcription still weighs most of the run.
    assertThat(writing.getValue() - transcribing.getValue()).isGreaterThan(0.7);
  }

  @Test
  void anUploadsSubtitlesAreNamedAfterItsFile() {
    workflow()
        .run(TaskPipelines.run(request(null, "uploads/7f3c/Team Meeting.mp4", List.of("vtt"))));

    assertThat(subtitlesInput())
        .containsEntry("formats", List.of("vtt"))
        .containsEntry("name", "Team Meeting.mp4");
  }

  @Test
  void withoutFormatsThePipelineHasNoSubtitlesStep() {
    for (List<String> none : java.util.Arrays.asList(null, List.<String>of())) {
      PipelineRun url = TaskPipelines.run(request(URL, null, none));
      PipelineRun upload = TaskPipelines.run(request(null, "uploads/u/a.mp4", none));

      assertThat(url.definition()).isEqualTo(TaskPipelines.fromUrl());
      assertThat(upload.definition()).isEqualTo(TaskPipelines.fromUpload());
      assertThat(url.inputs()).doesNotContainKey("subtitle_formats");
    }
    assertThat(
            TaskPipelines.run(request(URL, null, List.of("srt"))).definition().steps().stream()
                .map(StepSpec::id))
        .containsExactly(
            TaskPipelines.DOWNLOADING,
            TaskPipelines.EXTRACTING_AUDIO,
            TaskPipelines.TRANSCRIBING,
            TaskPipelines.WRITING_SUBTITLES);
  }

  @Test
  void aFailedSubtitlesStepFailsTheTaskWithItsMessage() {
    doThrow(ApplicationFailure.newNonRetryableFailure("disk full", Failures.INVALID_OPTIONS))
        .when(subtitles)
        .subtitles(any());

    catchThrowableOfType(
        WorkflowFailedException.class,
        () -> workflow().run(TaskPipelines.run(request(URL, null, List.of("srt")))));

    ArgumentCaptor<String> message = ArgumentCaptor.forClass(String.class);
    verify(store).failed(eq(TASK), message.capture());
    assertThat(message.getValue()).contains("disk full");
    verify(store, never()).completed(anyLong(), any());
  }

  private Map<String, Object> subtitlesInput() {
    @SuppressWarnings("unchecked")
    ArgumentCaptor<Map<String, Object>> input = ArgumentCaptor.forClass(Map.class);
    verify(subtitles).subtitles(input.capture());
    return input.getValue();
  }

  private static TranscriptionRequest request(String url, String upload, List<String> formats) {
    return new TranscriptionRequest(
        TASK, url, upload, false, null, DecodeOptions.defaults(), false, null, formats);
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
}
