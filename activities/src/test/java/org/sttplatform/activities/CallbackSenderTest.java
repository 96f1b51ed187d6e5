package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callback POSTs: the SSRF guard before and at connection time, no redirects, bounded answers. */
class CallbackSenderTest {
  private static final byte[] BODY = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

  private MockWebServer receiver;
  private final CallbackSender open = new CallbackSender(true, Duration.ofSeconds(5), "test/1");
  private final CallbackSender guarded = new CallbackSender(false, Duration.ofSeconds(5), "test/1");

  @BeforeEach
  void start() throws Exception {
    receiver = new MockWebServer();
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void postsTheBodyWithTheHeadersAndReadsTheAnswer() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(204).build());

    CallbackSender.Answer answer =
        open.post(receiver.url("/hook").toString(), BODY, Map.of("X-STT-Event", "task.failed"));

    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(answer.delivered()).isTrue();
    assertThat(answer.excerpt()).isEmpty();
    RecordedRequest r = receiver.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getBody().utf8()).isEqualTo("{\"id\":1}");
    assertThat(r.getHeaders().get("X-STT-Event")).isEqualTo("task.failed");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getHeaders().get("User-Agent")).isEqualTo("test/1");
  }

  @Test
  void aRedirectIsAnAnswerNotFollowed() throws Exception {
    receiver.enqueue(
        new MockResponse.Builder().code(307).addHeader("Location", "http://127.0.0.1:1/").build());

    CallbackSender.Answer answer = open.post(receiver.url("/hook").toString(), BODY, Map.of());

    assertThat(answer.statusCode()).isEqualTo(307);
    assertThat(answer.delivered()).isFalse();
    assertThat(receiver.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theExcerptIsBounded() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(500).body("x".repeat(100_000)).build());

    CallbackSender.Answer answer = open.post(receiver.url("/hook").toString(), BODY, Map.of());

    assertThat(answer.excerpt()).hasSize(CallbackSender.MAX_EXCERPT_BYTES);
  }

  @Test
  void aLoginInTheUrlIsSentAsBasicAuth() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    String url =
        receiver.url("/hook").newBuilder().username("u").password("p w").build().toString();

    open.post(url, BODY, Map.of());

    String auth = receiver.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization");
    assertThat(auth)
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString("u:p w".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void privateAddressesAreRefusedBeforeAnythingIsSent() {
    // An IP literal, and a name that resolves to loopback (checked when it resolves).
    for (String url :
        new String[] {
          "http://127.0.0.1:" + receiver.getPort() + "/hook",
          "http://0x7f.1:" + receiver.getPort() + "/hook",
          "http://localhost:" + receiver.getPort() + "/hook"
        }) {
      assertThatThrownBy(() -> guarded.post(url, BODY, Map.of()))
          .as(url)
          .isInstanceOf(CallbackSender.Refused.class)
          .hasMessageContaining("private or local network address")
          .hasMessageContaining(CpuWorkerSettings.ALLOW_PRIVATE_NETWORKS);
    }
    assertThat(receiver.getRequestCount()).isZero();
  }

  @Test
  void noAnswerIsAnIoException() {
    assertThatThrownBy(() -> open.post("http://127.0.0.1:1/hook", BODY, Map.of()))
        .isInstanceOf(java.io.IOException.class);
  }
}
