package org.sttplatform.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.store.NewTask;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.store.TaskType;
import org.sttplatform.api.testing.Media;
import org.sttplatform.api.workflow.TaskWorkflows;
import org.sttplatform.gpu.GpuWorker;
import org.sttplatform.gpu.GpuWorkerSettings;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.workflows.model.DecodeOptions;

/**
 * A backlog of transcriptions drains by priority, and first-in first-out within a priority, on the
 * embedded Temporal server: tasks wait for a transcription worker, then one worker with one slot
 * takes them one by one.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DispatchOrderTest {
  private static final String MODEL = "test-micro";

  @TempDir static Path dir;

  @Autowired TaskStore store;
  @Autowired TaskWorkflows workflows;
  @Autowired WorkflowClient client;

  @DynamicPropertySource
  static void service(DynamicPropertyRegistry registry) throws Exception {
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, dir.resolve("models/ggml-" + MODEL + ".bin"), 7);
    registry.add("stt.data-dir", () -> dir.resolve("data").toString());
    registry.add("stt.temporal.embedded-port", () -> "0");
    registry.add("stt.workers.gpu", () -> "false");
  }

  @Test
  void highBeforeNormalBeforeLowAndFifoWithinEachPriority() throws Exception {
    Path audio =
        java.nio.file.Files.createDirectories(dir.resolve("data/uploads/tone")).resolve("tone.wav");
    Media.ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=300:duration=2", "-ar", "16000", audio.toString());
    TaskPriority[] arrivals = {
      TaskPriority.LOW,
      TaskPriority.NORMAL,
      TaskPriority.NORMAL,
      TaskPriority.HIGH,
      TaskPriority.NORMAL,
      TaskPriority.HIGH
    };
    List<Long> ids = new ArrayList<>();
    for (TaskPriority priority : arrivals) {
      TaskRecord task = store.create(newTask(audio, priority));
      workflows.start(task.transcriptionRequest(), priority);
      ids.add(task.id());
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ids.stream().allMatch(id -> stage(id).equals("transcribing")));

    WorkerFactory factory = WorkerFactory.newInstance(client);
    try (GpuWorker gpu =
        GpuWorker.register(factory, oneSlot(), GpuWorker.speechEngine(oneSlot()))) {
      factory.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  ids.stream()
                      .allMatch(
                          id -> store.find(id).orElseThrow().status() == TaskStatus.COMPLETED));
      factory.shutdown();
    }

    List<Long> completionOrder =
        ids.stream()
            .map(id -> store.find(id).orElseThrow())
            .sorted(Comparator.comparing(TaskRecord::completedAt))
            .map(TaskRecord::id)
            .toList();
    assertThat(completionOrder)
        .containsExactly(ids.get(3), ids.get(5), ids.get(1), ids.get(2), ids.get(4), ids.get(0));
  }

  private String stage(long id) {
    return store.find(id).orElseThrow().stage();
  }

  private static GpuWorkerSettings oneSlot() {
    return GpuWorkerSettings.fromEnv(
        Map.of(
            "STT_DATA_DIR",
            dir.resolve("data").toString(),
            "STT_MODELS_DIR",
            dir.resolve("models").toString(),
            "STT_MODEL",
            MODEL,
            "STT_MODEL_DOWNLOAD",
            "false",
            "STT_WHISPER_THREADS",
            "1",
            "STT_WHISPER_POOL_SIZE",
            "1"));
  }

  private static NewTask newTask(Path audio, TaskPriority priority) {
    return new NewTask(
        TaskType.TRANSCRIBE,
        priority,
        "whisper.cpp",
        MODEL,
        "",
        "",
        // the upload's storage key, as TaskCreation stores it
        dir.resolve("data").relativize(audio).toString(),
        "tone.wav",
        null,
        null,
        null,
        DecodeOptions.defaults());
  }
}
