package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.fleet.SharedQueueLeases;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.RunTask;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.java.TaskPipelines;

/** A task's pipeline on the CPU worker with the real media components; store and GPU faked. */
class CpuWorkerTest {

  @TempDir Path dataDir;

  private TestWorkflowEnvironment env;
  private final List<String> storeCalls = new CopyOnWriteArrayList<>();
  private final List<TranscribeStepInput> transcribed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    CpuWorker.register(
        env.getWorkerFactory(),
        // The media server of downloadsAUrlThroughThePipeline is on 127.0.0.1.
        CpuWorkerSettings.defaults(dataDir).withAllowPrivateNetworks(true));
    assertThat(env.getWorkerFactory().tryGetWorker(TaskQueues.CPU)).isNotNull();
    env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(new FakeStore());
    env.newWorker(TaskQueues.GPU)
        .registerActivitiesImplementations(new FakeEngine(), new SharedQueueLeases("test-gpu"));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private Map<String, Object> run(TranscriptionRequest request) {
    return workflow(request.taskId()).run(TaskPipelines.run(request));
  }

  private PipelineWorkflow workflow(long taskId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(WorkflowIds.transcription(taskId))
                .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                .build());
  }

  private static TranscriptionRequest request(long taskId, String url, String upload) {
    return new TranscriptionRequest(taskId, url, upload, false, null, DecodeOptions.defaults());
  }

  @Test
  void runsAnUploadThroughThePipelineAndCleansUp() throws Exception {
    Path upload = new DataLayout(dataDir).newUploadFile("speech.wav");
    Files.copy(TestMedia.espeakWav(), upload);

    Map<String, Object> outputs =
        run(request(1, null, new DataLayout(dataDir).files().put(upload)));

    assertThat(outputs).containsEntry("task_id", 1);
    assertThat(transcribed).hasSize(1);
    TranscribeStepInput input = transcribed.get(0);
    assertThat(input.taskId()).isEqualTo(1);
    // In the extraction activity's own folder of the run's working folder.
    Path audio = new DataLayout(dataDir).files().localFile(input.audio().key());
    assertThat(audio.getFileName().toString()).isEqualTo(DataLayout.AUDIO_FILE);
    assertThat(audio.getParent().getParent()).isEqualTo(dataDir.resolve("work/runs/task-1"));
    assertThat(input.audio().durationSeconds()).isBetween(1.0, 10.0);
    // The API probed the upload at create: the pipeline does not probe it again.
    assertThat(storeCalls)
        .contains("stage 1 extracting_audio", "completed 1")
        .doesNotContain("stage 1 downloading")
        .noneMatch(c -> c.startsWith("probed"));
    assertThat(dataDir.resolve("work/runs/task-1")).doesNotExist();
    assertThat(upload).exists();
  }

  @Test
  void downloadsAUrlThroughThePipeline() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "video/mp4")
              .body(new Buffer().write(Files.readAllBytes(TestMedia.mp4WithAudio())))
              .build());

      Map<String, Object> outputs = run(request(2, server.url("/v/clip?sig=abc").toString(), null));

      assertThat(outputs).containsEntry("task_id", 2);
      assertThat(transcribed.get(0).audio().durationSeconds()).isBetween(2.9, 3.1);
      assertThat(storeCalls)
          .contains("stage 2 downloading", "probed 2 aac", "completed 2")
          .anyMatch(c -> c.startsWith("media 2 clip source.mp4"));
      assertThat(dataDir.resolve("work/runs/task-2")).doesNotExist();
    }
  }

  @Test
  void failsTheTaskWithTheProbeMessage() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "video/mp4")
              .body(new Buffer().write(Files.readAllBytes(TestMedia.videoOnlyMp4())))
              .build());

      failsWithTheProbeMessage(request(3, server.url("/silent.mp4").toString(), null));
    }
  }

  private void failsWithTheProbeMessage(TranscriptionRequest request) {
    Throwable thrown = catchThrowable(() -> run(request));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(Failures.RUN_FAILED);
    assertThat(storeCalls)
        .contains("failed 3 The media has no audio stream (streams found: video h264)");
    assertThat(transcribed).isEmpty();
    assertThat(dataDir.resolve("work/runs/task-3")).doesNotExist();
  }

  private class FakeStore implements TaskStoreActivities {
    @Override
    public void stageChanged(long taskId, String stage, double progress) {
      storeCalls.add("stage " + taskId + " " + stage);
    }

    @Override
    public long taskForStep(RunTask task) {
      throw new UnsupportedOperationException("a task's run has its row");
    }

    @Override
    public void mediaProbed(long taskId, MediaRef media, MediaInfo info) {
      storeCalls.add("probed " + taskId + " " + info.audioCodec());
      storeCalls.add(
          "media "
              + taskId
              + " "
              + media.fileName()
              + " "
              + new DataLayout(dataDir).files().localFile(media.key()).getFileName());
    }

    @Override
    public void completed(long taskId, TranscriptRef transcript) {
      storeCalls.add("completed " + taskId);
    }

    @Override
    public void failed(long taskId, String message) {
      storeCalls.add("failed " + taskId + " " + message);
    }
  }

  private class FakeEngine implements TranscribeComponent {
    @Override
    public TranscribeOutput transcribe(TranscribeStepInput input) {
      transcribed.add(input);
      Path audio = new DataLayout(dataDir).files().localFile(input.audio().key());
      assertThat(audio).exists();
      Path transcript = audio.resolveSibling(DataLayout.TRANSCRIPT_FILE);
      try {
        Files.writeString(transcript, "{\"text\":\"\"}");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      return new TranscribeOutput(
          input.taskId(),
          null,
          "en",
          1.0,
          0,
          "fake",
          0,
          null,
          null,
          new TranscriptRef(transcript.toString(), "en", 1.0, 0, 0.0));
    }
  }
}
