package org.sttplatform.workflows.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atMost;
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
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.ProbedAudio;
import org.sttplatform.workflows.model.Stage;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.TranscriptionOutcome;
import org.sttplatform.workflows.model.TranscriptionRequest;

class TranscriptionWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(TranscriptionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final long TASK = 42;
  private static final MediaRef DOWNLOADED = new MediaRef("/data/work/42/source.mp4", "a.mp4", 10);
  private static final MediaInfo INFO = new MediaInfo(10.0, "mov,mp4", "aac", 44100, 2, 10);
  private static final AudioRef AUDIO = new AudioRef("/data/work/42/audio.wav", 10.0);
  private static final TranscriptRef TRANSCRIPT =
      new TranscriptRef("/data/work/42/transcript.json", "en", 0.9, 3, 1.5);

  private final MediaActivities media =
      mock(MediaActivities.class, withSettings().withoutAnnotations());
  private final TranscriptionActivities engine =
      mock(TranscriptionActivities.class, withSettings().withoutAnnotations());
  private final TaskStoreActivities store =
      mock(TaskStoreActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker cpuWorker) {
    // The extension's worker polls its own queue; the workflow routes by TaskQueues, so the
    // test registers one worker per production queue.
    this.env = env;
    this.client = env.getWorkflowClient();
    env.newWorker(TaskQueues.CPU)
        .registerWorkflowImplementationTypes(TranscriptionWorkflowImpl.class);
    env.getWorkerFactory().getWorker(TaskQueues.CPU).registerActivitiesImplementations(media);
    env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(engine);
    env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(store);
    when(media.fetch(TASK, "https://example.com/a.mp4")).thenReturn(DOWNLOADED);
    when(media.probe(any())).thenReturn(INFO);
    when(media.extractAudio(eq(TASK), any())).thenReturn(AUDIO);
    when(media.probeAndExtract(eq(TASK), any())).thenReturn(new ProbedAudio(INFO, AUDIO));
    when(engine.transcribe(any())).thenReturn(TRANSCRIPT);
    env.start();
  }

  @Test
  void urlTaskRunsEveryStageInOrderAndStoresTheResult() {
    TranscriptionOutcome outcome = workflow().run(urlRequest());

    assertThat(outcome.transcript()).isEqualTo(TRANSCRIPT);
    InOrder order = inOrder(media, engine, store);
    order.verify(media).fetch(TASK, "https://example.com/a.mp4");
    order.verify(media).probeAndExtract(TASK, DOWNLOADED);
    order.verify(engine).transcribe(new TranscribeInput(TASK, AUDIO, false, "base", options()));
    order.verify(store).completed(TASK, TRANSCRIPT);
    // The media facts are written alongside the transcription, and before completed.
    InOrder facts = inOrder(media, store);
    facts.verify(media).probeAndExtract(TASK, DOWNLOADED);
    facts.verify(store).mediaProbed(TASK, DOWNLOADED, INFO);
    facts.verify(store).completed(TASK, TRANSCRIPT);
    // Stage writes are not awaited (the store keeps progress moving forward), so each runs
    // alongside the step it announces; the last one may be overtaken by completed.
    verify(store).stageChanged(TASK, Stage.DOWNLOADING, 0.05);
    verify(store).stageChanged(TASK, Stage.EXTRACTING_AUDIO, 0.15);
    verify(store).stageChanged(TASK, Stage.TRANSCRIBING, 0.25);
    verify(store, atMost(1)).stageChanged(TASK, Stage.STORING, 0.95);
    order.verify(media).cleanUp(TASK);
    verify(store, never()).failed(anyLong(), anyString());
  }

  /** The un-awaited writes are deterministic: a finished run replays on the same code. */
  @Test
  void aRunWithTheQuickerHandOffsReplays() throws Exception {
    workflow().run(urlRequest());

    io.temporal.testing.WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(WorkflowIds.transcription(TASK)), TranscriptionWorkflowImpl.class);
  }

  @Test
  void uploadTaskSkipsTheDownload() {
    TranscriptionRequest upload =
        new TranscriptionRequest(TASK, null, "/data/uploads/u/a.mp4", true, null, options());

    workflow().run(upload);

    verify(media, never()).fetch(anyLong(), anyString());
    // No probe result with it (e.g. a task recovered after a restart): probed by the worker.
    verify(media).probeAndExtract(TASK, new MediaRef("/data/uploads/u/a.mp4", null, -1));
    verify(engine).transcribe(new TranscribeInput(TASK, AUDIO, true, null, options()));
    verify(store).completed(TASK, TRANSCRIPT);
  }

  @Test
  void uploadCarryingTheApisProbeResultIsNotProbedAgain() {
    String path = "/data/uploads/u/a.mp4";
    TranscriptionRequest upload =
        new TranscriptionRequest(TASK, null, path, false, null, options()).withUploadInfo(INFO);

    workflow().run(upload);

    verify(media, never()).probe(any());
    verify(media, never()).probeAndExtract(anyLong(), any());
    verify(store, never()).mediaProbed(anyLong(), any(), any());
    verify(store).stageChanged(TASK, Stage.EXTRACTING_AUDIO, 0.15);
    InOrder order = inOrder(media, engine, store);
    order.verify(media).extractAudio(TASK, new MediaRef(path, null, -1));
    order.verify(engine).transcribe(new TranscribeInput(TASK, AUDIO, false, null, options()));
    order.verify(store).completed(TASK, TRANSCRIPT);
  }

  @Test
  void aUrlNeverCarriesAProbeResult() {
    assertThat(urlRequest().withUploadInfo(INFO).uploadInfo()).isNull();
  }

  @Test
  void aFailingCleanUpDoesNotFailACompletedTask() {
    org.mockito.Mockito.doThrow(
            ApplicationFailure.newNonRetryableFailure("disk gone", "CleanUpFailed"))
        .when(media)
        .cleanUp(TASK);

    TranscriptionOutcome outcome = workflow().run(urlRequest());

    assertThat(outcome.transcript()).isEqualTo(TRANSCRIPT);
    verify(store).completed(TASK, TRANSCRIPT);
    verify(store, never()).failed(anyLong(), anyString());
  }

  @Test
  void aNetworkBlipIsRetried() {
    when(media.fetch(TASK, "https://example.com/a.mp4"))
        .thenThrow(new RuntimeException("connection reset"))
        .thenThrow(new RuntimeException("connection reset"))
        .thenReturn(DOWNLOADED);

    workflow().run(urlRequest());

    verify(media, times(3)).fetch(TASK, "https://example.com/a.mp4");
    verify(store).completed(TASK, TRANSCRIPT);
  }

  @Test
  void aBadFileFailsTheTaskAtOnceWithItsMessage() {
    String message = "The media has no audio stream (streams found: video h264)";
    when(media.probeAndExtract(anyLong(), any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure(message, Failures.NO_AUDIO_STREAM));

    WorkflowFailedException failure =
        catchThrowableOfType(WorkflowFailedException.class, () -> workflow().run(urlRequest()));

    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) failure.getCause()).getOriginalMessage()).isEqualTo(message);
    verify(media, times(1)).probeAndExtract(anyLong(), any());
    verify(store).failed(TASK, message);
    verify(engine, never()).transcribe(any());
    verify(store, never()).completed(anyLong(), any());
    verify(media).cleanUp(TASK);
  }

  @Test
  void exhaustedRetriesFailTheTask() {
    when(engine.transcribe(any())).thenThrow(new IllegalStateException("engine crashed"));

    catchThrowableOfType(WorkflowFailedException.class, () -> workflow().run(urlRequest()));

    int attempts = ActivityDefaults.transcribe().getRetryOptions().getMaximumAttempts();
    assertThat(attempts).isGreaterThan(1);
    verify(engine, times(attempts)).transcribe(any());
    verify(store).failed(eq(TASK), eq("engine crashed"));
  }

  @Test
  void theQueryReportsTheCurrentStageAndCancellationCleansUp() throws Exception {
    CountDownLatch transcribing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(engine.transcribe(any()))
        .thenAnswer(
            call -> {
              transcribing.countDown();
              release.await(30, TimeUnit.SECONDS);
              return TRANSCRIPT;
            });
    TranscriptionWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, urlRequest());
    assertThat(transcribing.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(workflow.progress()).isEqualTo(new TaskProgress(Stage.TRANSCRIBING, 0.25));

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();
    release.countDown();
    catchThrowableOfType(
        WorkflowFailedException.class,
        () -> stub.getResult(60, TimeUnit.SECONDS, TranscriptionOutcome.class));
    verify(media).cleanUp(TASK);
    verify(store, never()).failed(anyLong(), anyString());
    verify(store, never()).stageChanged(eq(TASK), eq(Stage.STORING), anyDouble());
  }

  /** The task is deleted while its failure is being recorded: the working files still go. */
  @Test
  void aCancelWhileRecordingAFailureStillCleansUp() throws Exception {
    when(media.probeAndExtract(anyLong(), any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("bad", Failures.BAD_MEDIA));
    CountDownLatch recording = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    org.mockito.Mockito.doAnswer(
            call -> {
              recording.countDown();
              release.await(30, TimeUnit.SECONDS);
              return null;
            })
        .when(store)
        .failed(anyLong(), anyString());
    TranscriptionWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, urlRequest());
    assertThat(recording.await(30, TimeUnit.SECONDS)).isTrue();

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();
    release.countDown();
    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> stub.getResult(20, TimeUnit.SECONDS, TranscriptionOutcome.class));

    assertThat(failure.getCause()).isInstanceOf(io.temporal.failure.CanceledFailure.class);
    verify(store).failed(TASK, "bad");
    verify(media).cleanUp(TASK);
  }

  /** A clean-up that fails after a cancel is logged: the workflow still ends cancelled. */
  @Test
  void aFailingCleanUpAfterACancelStillEndsCancelled() throws Exception {
    org.mockito.Mockito.doThrow(
            ApplicationFailure.newNonRetryableFailure("disk gone", "CleanUpFailed"))
        .when(media)
        .cleanUp(TASK);
    CountDownLatch transcribing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(engine.transcribe(any()))
        .thenAnswer(
            call -> {
              transcribing.countDown();
              release.await(30, TimeUnit.SECONDS);
              return TRANSCRIPT;
            });
    TranscriptionWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, urlRequest());
    assertThat(transcribing.await(30, TimeUnit.SECONDS)).isTrue();

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();
    release.countDown();
    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> stub.getResult(60, TimeUnit.SECONDS, TranscriptionOutcome.class));

    assertThat(failure.getCause()).isInstanceOf(io.temporal.failure.CanceledFailure.class);
    assertThat(stub.describe().getStatus())
        .isEqualTo(
            io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    verify(media).cleanUp(TASK);
  }

  private TranscriptionWorkflow workflow() {
    return client.newWorkflowStub(
        TranscriptionWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.CPU)
            .setWorkflowId(WorkflowIds.transcription(TASK))
            .setWorkflowRunTimeout(Duration.ofDays(1))
            .build());
  }

  private static TranscriptionRequest urlRequest() {
    return new TranscriptionRequest(
        TASK, "https://example.com/a.mp4", null, false, "base", options());
  }

  private static DecodeOptions options() {
    return DecodeOptions.defaults();
  }
}
