package org.sttplatform.api.e2e;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.testing.Media;
import org.sttplatform.api.testing.ServiceClient;
import org.sttplatform.gpu.testmodel.TestModelGenerator;

/**
 * The embedded Temporal server forgets its workflows when the process stops. A task that was
 * running then must not stay "processing" forever: the next start resumes it from its row.
 */
class RestartRecoveryTest {
  @TempDir Path dir;

  @Test
  void aTaskInterruptedByARestartCompletesAfterTheNextStart() throws Exception {
    Path models = dir.resolve("models");
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, models.resolve("ggml-test-micro.bin"), 7);
    Path audio = dir.resolve("tone.wav");
    Media.ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=300:duration=3", "-ar", "16000", audio.toString());

    long id;
    // First run without a transcription worker: the task stops at the transcribing stage.
    try (ConfigurableApplicationContext first = start(models, false)) {
      ServiceClient service = client(first);
      id = service.upload(audio, "").path("id").asLong();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "transcribing".equals(service.result(id).path("detail").path("stage").asText()));
    }

    try (ConfigurableApplicationContext second = start(models, true)) {
      client(second).awaitCompleted(id, Duration.ofSeconds(60));
    }
  }

  private ConfigurableApplicationContext start(Path models, boolean transcriptionWorker) {
    // Command-line arguments: they take precedence over application.yml, as a user's would.
    return new SpringApplicationBuilder(SttApplication.class)
        .run(
            "--server.port=0",
            "--stt.data-dir=" + dir.resolve("data"),
            "--stt.temporal.embedded-port=0",
            "--stt.workers.gpu=" + transcriptionWorker,
            "--stt.worker-env[STT_MODELS_DIR]=" + models,
            "--stt.worker-env[STT_MODEL]=test-micro",
            "--stt.worker-env[STT_MODEL_DOWNLOAD]=false",
            "--stt.worker-env[STT_WHISPER_THREADS]=1");
  }

  private static ServiceClient client(ConfigurableApplicationContext context) {
    return new ServiceClient(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }
}
