package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/** {@link CpuWorker#main} as a separate process against a Temporal test server on a TCP port. */
class CpuWorkerProcessTest {

  @TempDir Path dataDir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process startWorker(Map<String, String> env, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), CpuWorker.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  private static String waitForLog(Path log, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String content = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (content.contains(text)) {
        return content;
      }
      Thread.sleep(100);
    }
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Test
  void servesTheCpuQueueUntilStopped() throws Exception {
    int port = freePort();
    try (var server = TestServer.createPortBoundServer(port)) {
      Path log = dataDir.resolve("worker.log");
      Process worker =
          startWorker(
              Map.of(
                  "TEMPORAL_ADDRESS",
                  "127.0.0.1:" + port,
                  "STT_DATA_DIR",
                  dataDir.resolve("data").toString()),
              log);
      WorkflowServiceStubs service = null;
      WorkerFactory factory = null;
      try {
        // Generous: a loaded machine takes long to start a JVM; the wait ends as soon as it logs.
        String started = waitForLog(log, "CPU worker serving", Duration.ofSeconds(90));
        assertThat(started)
            .contains("CPU worker serving task queue 'stt-cpu' on 127.0.0.1:" + port);

        service =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
        WorkflowClient client =
            WorkflowClient.newInstance(
                service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        factory = WorkerFactory.newInstance(client);
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        factory.newWorker(TaskQueues.STORE).registerActivitiesImplementations(new Store(calls));
        factory
            .newWorker(TaskQueues.GPU)
            .registerActivitiesImplementations(
                new Engine(dataDir.resolve("data")), new SharedQueueLeases("test-gpu"));
        factory.start();

        Path upload = new DataLayout(dataDir.resolve("data")).newUploadFile("speech.wav");
        Files.copy(TestMedia.espeakWav(), upload);
        PipelineWorkflow wf =
            client.newWorkflowStub(
                PipelineWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId(WorkflowIds.transcription(11))
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
                    .build());
        Map<String, Object> outputs =
            wf.run(
                TaskPipelines.run(
                    new TranscriptionRequest(
                        11,
                        null,
                        new DataLayout(dataDir.resolve("data")).files().put(upload),
                        false,
                        null,
                        DecodeOptions.defaults())));
        assertThat(outputs).containsEntry("task_id", 11);
        assertThat(calls).contains("completed");
        assertThat(dataDir.resolve("data/work/runs/task-11")).doesNotExist();
      } finally {
        if (factory != null) {
          factory.shutdownNow();
        }
        if (service != null) {
          service.shutdownNow();
        }
        worker.destroy(); // SIGTERM: the shutdown hook stops the worker
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(Files.readString(log)).contains("Stopping the CPU worker");
    }
  }

  @Test
  void exitsWithAClearErrorWhenFfmpegIsMissing() throws Exception {
    Path log = dataDir.resolve("worker.log");
    Process worker =
        startWorker(
            Map.of(
                "STT_FFMPEG_BIN", dataDir.resolve("no-such-dir").toString(),
                "STT_DATA_DIR", dataDir.resolve("data").toString(),
                "TEMPORAL_ADDRESS", "127.0.0.1:1"),
            log);
    assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log))
        .contains("ffmpeg and ffprobe not found in " + dataDir.resolve("no-such-dir"))
        .contains("STT_FFMPEG_BIN");
  }

  private record Store(List<String> calls) implements TaskStoreActivities {
    @Override
    public void stageChanged(long taskId, String stage, double progress) {
      calls.add(stage);
    }

    @Override
    public long taskForStep(RunTask task) {
      throw new UnsupportedOperationException("a task's run has its row");
    }

    @Override
    public void mediaProbed(long taskId, MediaRef media, MediaInfo info) {
      calls.add("probed");
    }

    @Override
    public void completed(long taskId, TranscriptRef transcript) {
      calls.add("completed");
    }

    @Override
    public void failed(long taskId, String message) {
      calls.add("failed " + message);
    }
  }

  private record Engine(Path data) implements TranscribeComponent {
    @Override
    public TranscribeOutput transcribe(TranscribeStepInput input) {
      if (!Files.exists(new DataLayout(data).files().localFile(input.audio().key()))) {
        throw new IllegalStateException("no audio at " + input.audio().key());
      }
      TranscriptRef ref =
          new TranscriptRef(
              input.audio().key().replace(DataLayout.AUDIO_FILE, DataLayout.TRANSCRIPT_FILE),
              "en",
              1.0,
              0,
              0.0);
      return new TranscribeOutput(input.taskId(), null, "en", 1.0, 0, "fake", 0, null, null, ref);
    }
  }
}
