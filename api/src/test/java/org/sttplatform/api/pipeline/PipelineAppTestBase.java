package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.activities.crawl.CrawlFixtures;
import org.sttplatform.activities.crawl.FixtureServer;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.testing.Media;
import org.sttplatform.gpu.testmodel.TestModelGenerator;

/**
 * The service as configured by default (embedded Temporal, SQLite, hosted CPU, transcription and
 * store workers) with a generated micro model, for the pipeline endpoints. Every subclass shares
 * this one application context (same configuration), and the media host serving espeak-ng speech.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PipelineAppTestBase {
  static final String MODEL = "test-micro";
  static final Duration FINISH = Duration.ofSeconds(90);
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static final Path DIR;
  static final MockWebServer MEDIA_HOST = new MockWebServer();

  /** Douyin and TikTok stand-ins for the crawler (routes set by the tests that use them). */
  static final FixtureServer DOUYIN;

  static final FixtureServer TIKTOK;
  static Path speech;

  static {
    try {
      DIR = Files.createTempDirectory("stt-pipeline-test");
      MEDIA_HOST.start();
      DOUYIN = new FixtureServer();
      TIKTOK = new FixtureServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Value("${local.server.port}")
  int port;

  @DynamicPropertySource
  static void service(DynamicPropertyRegistry registry) throws Exception {
    Path models = DIR.resolve("models");
    Path model = models.resolve("ggml-" + MODEL + ".bin");
    if (!Files.exists(model)) {
      TestModelGenerator.generate(TestModelGenerator.Preset.MICRO, model, 7);
      speech = Media.speech(DIR.resolve("speech.wav"), Media.SPEECH);
    }
    registry.add("stt.data-dir", () -> DIR.resolve("data").toString());
    registry.add("stt.temporal.embedded-port", () -> "0");
    registry.add("stt.worker-env[STT_MODELS_DIR]", models::toString);
    registry.add("stt.worker-env[STT_MODEL]", () -> MODEL);
    registry.add("stt.worker-env[STT_MODEL_DOWNLOAD]", () -> "false");
    registry.add("stt.worker-env[STT_WHISPER_THREADS]", () -> "2");
    // The media host is a MockWebServer on this machine.
    registry.add("stt.worker-env[STT_FETCH_ALLOW_PRIVATE_NETWORKS]", () -> "true");
    CrawlFixtures.env(DOUYIN, TIKTOK)
        .forEach((name, value) -> registry.add("stt.worker-env[" + name + "]", () -> value));
  }

  /** A response and its parsed JSON body. */
  record Reply(int status, HttpResponse<String> response, JsonNode json) {
    JsonNode data() {
      return json.path("data");
    }

    JsonNode detail() {
      return json.path("detail");
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** A GET whose answer is text (a download), not JSON; asserts 200. */
  String getText(String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  Reply post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A multipart POST: the form field {@code body} (if not null) and one file part. */
  Reply postMultipart(String path, String body, String part, String fileName, byte[] content) {
    String boundary = "----stt" + System.nanoTime();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream w = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
    if (body != null) {
      w.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n");
      w.print(body + "\r\n");
    }
    w.print(
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + part
            + "\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    w.write(content, 0, content.length);
    w.print("\r\n--" + boundary + "--\r\n");
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r, JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asserts the error envelope with this status and a message containing {@code part}. */
  static void assertError(Reply r, int status, String part) {
    assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
    assertThat(r.detail().path("code").asInt()).isEqualTo(status);
    assertThat(r.detail().path("message").asText()).as(r.json().toString()).contains(part);
  }

  /** A URL of the media host that serves the speech once. */
  static String speechUrl() throws IOException {
    MEDIA_HOST.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "audio/wav")
            .body(new Buffer().write(Files.readAllBytes(speech)))
            .build());
    return MEDIA_HOST.url("/media/speech.wav").toString();
  }

  /** Starts a run, asserting 202, and returns its id. */
  String startRun(String definition, String body) {
    Reply r = post("/api/workflows/definitions/" + definition + "/runs", body);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(202);
    String runId = r.data().path("run_id").asText();
    assertThat(r.header("Location")).isEqualTo("/api/workflows/runs/" + runId);
    return runId;
  }

  /** Polls the run until its status is not running, and returns it. */
  JsonNode awaitEnded(String runId) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              Reply r = get("/api/workflows/runs/" + runId);
              assertThat(r.status()).isEqualTo(200);
              last.set(r.data());
              assertThat(r.data().path("status").asText()).isNotEqualTo("running");
            });
    return last.get();
  }
}
