package org.sttplatform.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.testing.Media;
import org.sttplatform.api.testing.ServiceClient;
import org.sttplatform.gpu.testmodel.TestModelGenerator;

/**
 * The service as configured by default (embedded Temporal on a real port, SQLite under the data
 * directory, CPU and transcription workers in process), driven over HTTP with speech synthesised at
 * test time. Only the data directory, the ports and the model (a generated random-weight model in
 * the real ggml format) differ from the defaults.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndToEndTest {
  private static final String MODEL = "test-micro";
  private static final Duration FINISH = Duration.ofSeconds(90);

  @TempDir static Path dir;
  static Path speech;
  static MockWebServer mediaHost;

  @Value("${local.server.port}")
  int port;

  private ServiceClient service;

  @BeforeAll
  static void startMediaHost() throws IOException {
    mediaHost = new MockWebServer();
    mediaHost.start();
  }

  @AfterAll
  static void stopMediaHost() {
    mediaHost.close();
  }

  @DynamicPropertySource
  static void service(DynamicPropertyRegistry registry) throws Exception {
    Path models = dir.resolve("models");
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, models.resolve("ggml-" + MODEL + ".bin"), 7);
    speech = Media.speech(dir.resolve("speech.wav"), Media.SPEECH);
    registry.add("stt.data-dir", () -> dir.resolve("data").toString());
    registry.add("stt.temporal.embedded-port", () -> "0");
    registry.add("stt.worker-env[STT_MODELS_DIR]", models::toString);
    registry.add("stt.worker-env[STT_MODEL]", () -> MODEL);
    registry.add("stt.worker-env[STT_MODEL_DOWNLOAD]", () -> "false");
    registry.add("stt.worker-env[STT_WHISPER_THREADS]", () -> "2");
    // The media host is a MockWebServer on this machine.
    registry.add("stt.worker-env[STT_FETCH_ALLOW_PRIVATE_NETWORKS]", () -> "true");
  }

  @BeforeEach
  void client() {
    service = new ServiceClient(port);
  }

  @Test
  void uploadAndUrlTasksAreTranscribedListedFetchedAndDeleted() throws Exception {
    JsonNode byUpload = service.upload(speech, "word_timestamps=true");
    long uploadId = byUpload.path("id").asLong();
    assertThat(byUpload.path("output_url").asText())
        .endsWith("/api/whisper/tasks/result?task_id=" + uploadId);

    mediaHost.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "audio/wav")
            .body(new Buffer().write(Files.readAllBytes(speech)))
            .build());
    String url = mediaHost.url("/media/speech.wav").toString();
    long urlId =
        service
            .createFromQuery("file_url=" + url + "&language=en&priority=high")
            .path("id")
            .asLong();

    JsonNode uploaded = service.awaitCompleted(uploadId, FINISH);
    assertTranscript(uploaded, true);
    JsonNode fetched = service.awaitCompleted(urlId, FINISH);
    assertTranscript(fetched, false);
    assertThat(fetched.path("result").path("language").asText()).isEqualTo("en");
    assertThat(fetched.path("file_name").asText()).isEqualTo("speech.wav");

    JsonNode listed = service.postJson("/api/whisper/tasks/query", "{}").path("data");
    assertThat(listed.path("total_count").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(listed.path("tasks").findValuesAsText("id"))
        .contains(String.valueOf(uploadId), String.valueOf(urlId));
    JsonNode completedHigh =
        service
            .postJson(
                "/api/whisper/tasks/query", "{\"status\":\"completed\",\"priority\":\"high\"}")
            .path("data");
    assertThat(completedHigh.path("tasks").findValuesAsText("id"))
        .containsExactly(String.valueOf(urlId));

    // The row holds the upload's storage key, relative to the data directory.
    Path upload = dir.resolve("data").resolve(uploaded.path("file_path").asText());
    assertThat(upload).exists();
    assertThat(service.delete(uploadId).statusCode()).isEqualTo(200);
    assertThat(service.delete(urlId).statusCode()).isEqualTo(200);
    assertThat(upload).doesNotExist();
    assertThat(service.get("/api/whisper/tasks/result?task_id=" + uploadId).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aFileWithoutAudioIsRejectedAtUpload() throws Exception {
    Path video = dir.resolve("silent-video.mp4");
    Media.ffmpeg("-f", "lavfi", "-i", "testsrc=duration=1:size=64x64:rate=10", video.toString());

    HttpResponse<String> response = service.uploadResponse(video, "");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(new ObjectMapper().readTree(response.body()).path("detail").path("message").asText())
        .contains("no audio stream");
  }

  /** A valid WAV or FLAC header with zero samples: 415 at upload, a failed task from a URL. */
  @Test
  void anEmptyAudioStreamIsRejectedAtUploadAndFailsAUrlTask() throws Exception {
    for (String name : java.util.List.of("empty.wav", "empty.flac")) {
      Path empty = dir.resolve(name);
      Media.ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "0", empty.toString());

      HttpResponse<String> response = service.uploadResponse(empty, "");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
      assertThat(
              new ObjectMapper().readTree(response.body()).path("detail").path("message").asText())
          .contains("no audio")
          .contains("empty");

      mediaHost.enqueue(
          new MockResponse.Builder()
              .addHeader("Content-Type", "audio/wav")
              .body(new Buffer().write(Files.readAllBytes(empty)))
              .build());
      long id =
          service
              .createFromQuery("file_url=" + mediaHost.url("/media/" + name))
              .path("id")
              .asLong();
      JsonNode failed = service.awaitFinished(id, FINISH);
      assertThat(failed.path("status").asText()).isEqualTo("failed");
      assertThat(failed.path("error_message").asText()).contains("no audio").contains("empty");
    }
  }

  @Test
  void anUnreachableUrlFailsTheTaskWithAReadableMessage() throws Exception {
    mediaHost.enqueue(new MockResponse.Builder().code(404).build());
    String url = mediaHost.url("/gone.mp4?signature=secret").toString();
    long id = service.createFromQuery("file_url=" + url).path("id").asLong();

    JsonNode failed = service.awaitFinished(id, FINISH);

    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("error_message").asText()).contains("404").doesNotContain("secret");
  }

  private void assertTranscript(JsonNode task, boolean words) {
    JsonNode result = task.path("result");
    double duration = task.path("file_duration").asDouble();
    assertThat(duration).isGreaterThan(5);
    assertThat(result.path("language").asText()).matches("[a-z]{2,3}");
    assertThat(result.path("language_probability").asDouble()).isBetween(0.0, 1.0).isPositive();
    assertThat(result.path("model").asText()).isEqualTo(MODEL);
    JsonNode segments = result.path("segments");
    assertThat(segments.size()).isPositive();
    for (JsonNode segment : segments) {
      assertThat(segment.path("start").asDouble()).isBetween(0.0, duration + 0.01);
      assertThat(segment.path("end").asDouble())
          .isBetween(segment.path("start").asDouble(), duration + 0.01);
      assertThat(segment.path("no_speech_prob").asDouble()).isBetween(0.0, 1.0);
      if (words) {
        assertThat(segment.path("words").isArray()).isTrue();
        for (JsonNode word : segment.path("words")) {
          assertThat(word.path("start").asDouble())
              .isGreaterThanOrEqualTo(segment.path("start").asDouble() - 0.01);
          assertThat(word.path("end").asDouble())
              .isLessThanOrEqualTo(segment.path("end").asDouble() + 0.01);
        }
      } else {
        assertThat(segment.path("words").isNull() || segment.path("words").isMissingNode())
            .isTrue();
      }
    }
    assertThat(task.path("task_processing_time").asDouble()).isPositive();
  }
}
