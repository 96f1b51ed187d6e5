package org.sttplatform.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.sttplatform.api.SttApplication;
import org.sttplatform.gpu.testmodel.TestModelGenerator;

/**
 * The embedded Temporal server forgets its workflows when the process stops. A task that was
 * running then must not stay "processing" forever: the next start resumes it from its row.
 */
class RestartRecoveryTest {
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

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
      String base = base(first);
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/whisper/tasks/create"))
                  .header("Content-Type", "multipart/form-data; boundary=b")
                  .POST(multipart(audio))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      id = json.readTree(created.body()).path("data").path("id").asLong();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> "transcribing".equals(result(base, id).path("detail").path("stage").asText()));
    }

    try (ConfigurableApplicationContext second = start(models, true)) {
      String base = base(second);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> "completed".equals(result(base, id).path("data").path("status").asText()));
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
            "--stt.whisper.model=test-micro",
            "--stt.worker-env[STT_MODELS_DIR]=" + models,
            "--stt.worker-env[STT_MODEL]=test-micro",
            "--stt.worker-env[STT_MODEL_DOWNLOAD]=false",
            "--stt.worker-env[STT_WHISPER_THREADS]=1");
  }

  private static String base(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  private JsonNode result(String base, long id) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/whisper/tasks/result?task_id=" + id))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }

  private static HttpRequest.BodyPublisher multipart(Path file) throws Exception {
    byte[] head =
        ("--b\r\nContent-Disposition: form-data; name=\"file_upload\"; filename=\"tone.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n")
            .getBytes();
    byte[] tail = "\r\n--b--\r\n".getBytes();
    return HttpRequest.BodyPublishers.ofByteArrays(
        java.util.List.of(head, Files.readAllBytes(file), tail));
  }
}
