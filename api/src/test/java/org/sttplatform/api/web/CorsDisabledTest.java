package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Without {@code STT_CORS_ORIGINS}, no answer carries CORS headers, whatever the origin. */
@TestPropertySource(properties = "stt.cors.origins=")
class CorsDisabledTest extends WebTestBase {

  @Test
  void sendsNoCorsHeaders() {
    Reply preflight =
        send(
            HttpRequest.newBuilder(URI.create(url("/api/whisper/tasks/create")))
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(preflight.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));

    Reply get =
        send(
            HttpRequest.newBuilder(URI.create(url("/api/health/check")))
                .header("Origin", "https://app.example.com")
                .GET());
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
  }
}
