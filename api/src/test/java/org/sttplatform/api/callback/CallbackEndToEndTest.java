package org.sttplatform.api.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
 * Signed callbacks through the whole service (embedded Temporal, SQLite, hosted workers, a real
 * transcription on a generated model): receivers are MockWebServers on this machine (private
 * networks allowed for them), the retry window is a few seconds, and signatures are checked with
 * {@code javax.crypto} here, not with the service's signer.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallbackEndToEndTest {
  private static final String MODEL = "test-micro";
  private static final String SECRET = "whsec-test-4b1d";
  private static final Duration FINISH = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static Path speech;
  static MockWebServer mediaHost;

  @Value("${local.server.port}")
  int port;

  private ServiceClient service;

  @BeforeAll
  static void startMediaHost() throws Exception {
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
    // The media host and the receivers are MockWebServers on this machine.
    registry.add("stt.worker-env[STT_FETCH_ALLOW_PRIVATE_NETWORKS]", () -> "true");
    registry.add("stt.worker-env[STT_CALLBACK_SECRET]", () -> SECRET);
    registry.add("stt.worker-env[STT_CALLBACK_RETRY_WINDOW]", () -> "8s");
  }

  @BeforeEach
  void client() {
    service = new ServiceClient(port);
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheSignedResultOnTheThirdAttempt() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.enqueue(new MockResponse.Builder().code(500).body("down").build());
      receiver.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/x").build());
      receiver.enqueue(new MockResponse.Builder().code(204).build());
      receiver.start();
      String hook = receiver.url("/hook?token=t0k").toString();

      long id = service.upload(speech, "callback_url=" + encode(hook)).path("id").asLong();
      service.awaitCompleted(id, FINISH);

      List<RecordedRequest> attempts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        RecordedRequest r = receiver.takeRequest(30, TimeUnit.SECONDS);
        assertThat(r).as("attempt %d", i + 1).isNotNull();
        attempts.add(r);
      }
      String deliveryId = attempts.get(0).getHeaders().get("X-STT-Delivery-Id");
      assertThat(deliveryId).isNotBlank();
      for (RecordedRequest r : attempts) {
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/hook");
        assertThat(r.getHeaders().get("X-STT-Delivery-Id")).isEqualTo(deliveryId);
        assertThat(r.getHeaders().get("X-STT-Event")).isEqualTo("task.completed");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        byte[] body = r.getBody().toByteArray();
        assertSignedWith(SECRET, r.getHeaders().get("X-STT-Signature"), body);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(dir.toString()).doesNotContain(dir.toRealPath().toString());
        JsonNode task = JSON.readTree(body);
        assertThat(task.path("id").asLong()).isEqualTo(id);
        assertThat(task.path("status").asText()).isEqualTo("completed");
        assertThat(task.path("result").path("segments").size()).isPositive();
        assertThat(task.path("file_path").asText()).doesNotStartWith("/");
      }

      JsonNode shown = awaitCallbackState(id, "delivered");
      assertThat(shown.path("callback_attempts").asInt()).isEqualTo(3);
      assertThat(shown.path("callback_status_code").asInt()).isEqualTo(204);
      assertThat(shown.path("callback_time").asText()).isNotBlank();
      assertThat(shown.path("status").asText()).isEqualTo("completed");
      // Delivered once: no further attempt.
      assertThat(receiver.takeRequest(2, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void aReceiverThatAlwaysFailsMakesTheCallbackDeadAndARedeliveryDeliversIt() throws Exception {
    AtomicInteger status = new AtomicInteger(503);
    List<RecordedRequest> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              received.add(request);
              int code = status.get();
              return new MockResponse.Builder()
                  .code(code)
                  .body(code == 200 ? "thanks" : "nope")
                  .build();
            }
          });
      receiver.start();
      mediaHost.enqueue(new MockResponse.Builder().code(404).build());
      String media = mediaHost.url("/gone.wav").toString();
      String hook = receiver.url("/hook").toString();

      long id =
          service
              .createFromQuery("file_url=" + encode(media) + "&callback_url=" + encode(hook))
              .path("id")
              .asLong();
      JsonNode failed = service.awaitFinished(id, FINISH);
      assertThat(failed.path("status").asText()).isEqualTo("failed");

      JsonNode dead = awaitCallbackState(id, "dead");
      assertThat(dead.path("status").asText()).isEqualTo("failed");
      assertThat(dead.path("callback_attempts").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(dead.path("callback_status_code").asInt()).isEqualTo(503);
      assertThat(dead.path("callback_message").asText()).isEqualTo("nope");
      int deadAttempts = received.size();
      assertThat(deadAttempts).isEqualTo(dead.path("callback_attempts").asInt());
      assertThat(received.get(0).getHeaders().get("X-STT-Event")).isEqualTo("task.failed");
      String firstDelivery = received.get(0).getHeaders().get("X-STT-Delivery-Id");

      status.set(200);
      HttpResponse<String> redeliver = post("/api/whisper/callback/redeliver?task_id=" + id, "");
      assertThat(redeliver.statusCode()).as(redeliver.body()).isEqualTo(200);
      JsonNode delivered = awaitCallbackState(id, "delivered");
      assertThat(delivered.path("callback_attempts").asInt()).isEqualTo(1);
      assertThat(delivered.path("callback_status_code").asInt()).isEqualTo(200);
      assertThat(delivered.path("callback_message").asText()).isEqualTo("thanks");
      assertThat(received).hasSize(deadAttempts + 1);
      RecordedRequest again = received.get(deadAttempts);
      assertThat(again.getHeaders().get("X-STT-Delivery-Id")).isNotEqualTo(firstDelivery);
      assertSignedWith(
          SECRET, again.getHeaders().get("X-STT-Signature"), again.getBody().toByteArray());
    }
  }

  @Test
  void redeliveryNeedsAFinishedTaskWithACallback() throws Exception {
    assertThat(post("/api/whisper/callback/redeliver?task_id=987654", "").statusCode())
        .isEqualTo(404);

    mediaHost.enqueue(new MockResponse.Builder().code(404).build());
    long plain =
        service
            .createFromQuery("file_url=" + encode(mediaHost.url("/none.wav").toString()))
            .path("id")
            .asLong();
    service.awaitFinished(plain, FINISH);
    HttpResponse<String> noCallback = post("/api/whisper/callback/redeliver?task_id=" + plain, "");
    assertThat(noCallback.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(noCallback.body()).path("detail").path("message").asText())
        .contains("no callback_url");

    // A download that takes seconds to answer keeps the task running meanwhile.
    mediaHost.enqueue(
        new MockResponse.Builder().code(404).headersDelay(6, TimeUnit.SECONDS).build());
    long running =
        service
            .createFromQuery(
                "file_url="
                    + encode(mediaHost.url("/slow.wav").toString())
                    + "&callback_url="
                    + encode("https://hooks.example.com/stt"))
            .path("id")
            .asLong();
    HttpResponse<String> unfinished =
        post("/api/whisper/callback/redeliver?task_id=" + running, "");
    assertThat(unfinished.statusCode()).as(unfinished.body()).isEqualTo(409);
    assertThat(JSON.readTree(unfinished.body()).path("detail").path("message").asText())
        .contains("has not finished");
  }

  @Test
  void theTestReceiverEchoesTheBodyAndChecksTheSignature() throws Exception {
    byte[] body = "{\"id\":7,\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
    long t = System.currentTimeMillis() / 1000;

    JsonNode signed = testCallback(body, "t=" + t + ",v1=" + hmac(SECRET, t, body));
    assertThat(signed.path("message").asText()).isEqualTo("Callback interface test successful.");
    assertThat(signed.path("callback_data").path("id").asInt()).isEqualTo(7);
    assertThat(signed.path("signature").path("present").asBoolean()).isTrue();
    assertThat(signed.path("signature").path("verified").asBoolean()).isTrue();
    assertThat(signed.path("signature").path("timestamp").asLong()).isEqualTo(t);
    assertThat(signed.path("event").asText()).isEqualTo("task.completed");

    JsonNode forged = testCallback(body, "t=" + t + ",v1=" + hmac("another-secret", t, body));
    assertThat(forged.path("signature").path("verified").asBoolean()).isFalse();
    byte[] tampered = "{\"id\":8,\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
    JsonNode changed = testCallback(tampered, "t=" + t + ",v1=" + hmac(SECRET, t, body));
    assertThat(changed.path("signature").path("verified").asBoolean()).isFalse();

    JsonNode unsigned = testCallback(body, null);
    assertThat(unsigned.path("signature").path("present").asBoolean()).isFalse();
    assertThat(unsigned.path("signature").path("verified").isNull()).isTrue();
    assertThat(unsigned.toString()).doesNotContain(SECRET);

    HttpResponse<String> notJson = post("/api/whisper/callback/test", "not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
  }

  private JsonNode testCallback(byte[] body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/whisper/callback/test"))
            .header("Content-Type", "application/json")
            .header("X-STT-Event", "task.completed")
            .header("X-STT-Delivery-Id", "d-1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-STT-Signature", signature);
    }
    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("data");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode awaitCallbackState(long id, String state) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              last[0] = service.result(id).path("data");
              assertThat(last[0].path("callback_state").asText()).isEqualTo(state);
            });
    return last[0];
  }

  /** Checks {@code t=<s>,v1=<hex>} against an HMAC computed here with javax.crypto. */
  private static void assertSignedWith(String secret, String header, byte[] body) throws Exception {
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
    long t = Long.parseLong(header.substring(2, header.indexOf(',')));
    assertThat(t)
        .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(120L));
    assertThat(header.substring(header.indexOf("v1=") + 3)).isEqualTo(hmac(secret, t, body));
  }

  private static String hmac(String secret, long t, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] signed = new byte[0];
    byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
    signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return HexFormat.of().formatHex(mac.doFinal(signed));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
