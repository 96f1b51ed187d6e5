package org.sttplatform.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.activities.CpuWorker;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.temporal.HostedWorkers;
import org.sttplatform.api.temporal.TemporalConnection;
import org.sttplatform.api.testing.Media;
import org.sttplatform.api.testing.ServiceClient;
import org.sttplatform.gpu.GpuWorker;
import org.sttplatform.gpu.testmodel.TestModelGenerator;

/**
 * The split deployment: the API process keeps the task store and the embedded Temporal server on a
 * known port, while the CPU worker ({@link CpuWorker#main}) and the transcription worker ({@link
 * GpuWorker#main}) run as their own JVMs, configured only through their environment and sharing the
 * data directory with the API.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its Temporal port stays reserved otherwise
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerProcessesTest {
  private static final String MODEL = "test-micro";
  private static final Duration STARTUP = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static int temporalPort;
  static Path speech;
  static ChildJvm cpuWorker;
  static ChildJvm gpuWorker;

  @Value("${local.server.port}")
  int port;

  @Autowired TemporalConnection temporal;
  @Autowired HostedWorkers hosted;

  @DynamicPropertySource
  static void service(DynamicPropertyRegistry registry) throws Exception {
    temporalPort = ChildJvm.freePort();
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, models().resolve("ggml-" + MODEL + ".bin"), 7);
    speech = Media.speech(dir.resolve("speech.wav"), Media.SPEECH);
    registry.add("stt.data-dir", () -> dataDir().toString());
    registry.add("stt.temporal.embedded-port", () -> String.valueOf(temporalPort));
    registry.add("stt.workers.cpu", () -> "false");
    registry.add("stt.workers.gpu", () -> "false");
  }

  @AfterAll
  static void stopWorkers() throws InterruptedException {
    // Before the context (and with it the Temporal server) closes: the SpringExtension runs later.
    for (ChildJvm worker : new ChildJvm[] {cpuWorker, gpuWorker}) {
      if (worker != null) {
        worker.close();
      }
    }
  }

  @Test
  @Order(1)
  void theCpuAndTranscriptionWorkersRunAsTheirOwnProcesses() throws Exception {
    assertThat(temporal.embedded()).isTrue();
    assertThat(temporal.target()).isEqualTo("127.0.0.1:" + temporalPort);
    assertThat(hosted.gpu()).as("the API hosts no transcription worker").isEmpty();
    startCpuWorker();
    startGpuWorker(models());

    long id = new ServiceClient(port).upload(speech, "word_timestamps=true").path("id").asLong();
    JsonNode task =
        new ServiceClient(port).awaitFinished(id, Duration.ofSeconds(60), this::workerOutput);

    assertThat(task.path("status").asText())
        .as("%s\n%s", task.path("error_message").asText(), workerOutput())
        .isEqualTo("completed");
    double duration = task.path("file_duration").asDouble();
    assertThat(duration).isGreaterThan(5);
    JsonNode result = task.path("result");
    assertThat(result.path("model").asText()).isEqualTo(MODEL);
    assertThat(result.path("language").asText()).matches("[a-z]{2,3}");
    assertThat(result.path("language_probability").asDouble()).isBetween(0.0, 1.0).isPositive();
    assertThat(result.path("segments").size()).isPositive();
    for (JsonNode segment : result.path("segments")) {
      assertThat(segment.path("start").asDouble()).isBetween(0.0, duration + 0.01);
      assertThat(segment.path("end").asDouble())
          .isBetween(segment.path("start").asDouble(), duration + 0.01);
      assertThat(segment.path("words").isArray()).isTrue();
    }
    // The work was done by the children, not by this JVM.
    assertThat(cpuWorker.isAlive()).isTrue();
    assertThat(gpuWorker.isAlive()).isTrue();
    assertThat(cpuWorker.output()).contains("Run task-" + id + ": extracted");
    assertThat(gpuWorker.output()).contains("Task " + id + ": transcribing");
    // The CPU worker cleans up the shared working directory after the task is marked completed.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(dataDir().resolve("work/runs/task-" + id)).doesNotExist());
  }

  @Test
  @Order(2)
  void aTranscriptionWorkerWithoutItsModelKeepsRunningAndFailsTasksWithTheFix() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-models")).toAbsolutePath().normalize();
    startCpuWorker();
    startGpuWorker(empty);
    assertThat(gpuWorker.output()).contains("put ggml-" + MODEL + ".bin in " + empty);

    long id = new ServiceClient(port).upload(speech, "").path("id").asLong();
    JsonNode task =
        new ServiceClient(port).awaitFinished(id, Duration.ofSeconds(30), this::workerOutput);

    assertThat(task.path("status").asText()).as(workerOutput()).isEqualTo("failed");
    assertThat(task.path("error_message").asText())
        .contains("Model '" + MODEL + "' is not available")
        .contains("put ggml-" + MODEL + ".bin in " + empty);
    Thread.sleep(500);
    assertThat(gpuWorker.isAlive()).as(workerOutput()).isTrue();
  }

  private static void startCpuWorker() throws Exception {
    if (cpuWorker != null && cpuWorker.isAlive()) {
      return;
    }
    cpuWorker =
        ChildJvm.start(CpuWorker.class, workerEnv(), dir.resolve("cpu-worker.log"))
            .awaitOutput("CPU worker serving", STARTUP);
  }

  /** Starts a transcription worker with {@code modelsDir}, replacing the one running. */
  private static void startGpuWorker(Path modelsDir) throws Exception {
    if (gpuWorker != null) {
      gpuWorker.close();
    }
    Map<String, String> env = workerEnv();
    env.put("STT_MODELS_DIR", modelsDir.toString());
    env.put("STT_MODEL", MODEL);
    env.put("STT_MODEL_DOWNLOAD", "false");
    env.put("STT_WHISPER_THREADS", "1");
    Path log = dir.resolve("gpu-worker-" + System.nanoTime() + ".log");
    gpuWorker =
        ChildJvm.start(GpuWorker.class, env, log)
            .awaitOutput("Transcription worker serving", STARTUP);
  }

  private static Map<String, String> workerEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
    env.put("STT_DATA_DIR", dataDir().toString());
    return env;
  }

  private String workerOutput() {
    return (cpuWorker == null ? "" : cpuWorker.describe())
        + "\n"
        + (gpuWorker == null ? "" : gpuWorker.describe());
  }

  private static Path models() {
    return dir.resolve("models");
  }

  private static Path dataDir() {
    return dir.resolve("data").toAbsolutePath().normalize();
  }
}
