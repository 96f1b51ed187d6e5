package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.sttplatform.api.store.TaskStatus;
import tools.jackson.databind.JsonNode;

/**
 * What every answer carries: an {@code X-Request-Id} (echoed or generated, also on errors and in
 * the request's log lines), gzip for JSON when the client accepts it, and CORS headers for the
 * allowed origins only ({@code stt.cors.origins} of the test context); and the connector's socket
 * buffers.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpEdgesTest extends WebTestBase {
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Autowired WebServerApplicationContext server;

  private Reply get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).headers(headers).GET());
  }

  private static String requestId(Reply r) {
    return r.headers().get("x-request-id") == null ? null : r.headers().get("x-request-id").get(0);
  }

  @Test
  void echoesAGivenRequestIdOnSuccessAndError() {
    Reply ok = get("/api/health/check", "X-Request-Id", "client-42.a:b");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(requestId(ok)).isEqualTo("client-42.a:b");

    Reply badParam = get("/api/whisper/tasks/result?task_id=abc", "X-Request-Id", "req-400");
    assertError(badParam, 400, "task_id");
    assertThat(requestId(badParam)).isEqualTo("req-400");

    Reply unknown = get("/api/no/such/endpoint", "X-Request-Id", "req-404");
    assertError(unknown, 404, "No endpoint");
    assertThat(requestId(unknown)).isEqualTo("req-404");
  }

  @Test
  void generatesARequestIdWhenNoneOrAnUnusableOneIsGiven() {
    Reply none = get("/api/health/check");
    assertThat(requestId(none)).matches(UUID_PATTERN);
    assertThat(requestId(get("/api/health/check"))).isNotEqualTo(requestId(none));

    Reply tooLong = get("/api/health/check", "X-Request-Id", "a".repeat(129));
    assertThat(requestId(tooLong)).matches(UUID_PATTERN);
    Reply longest = get("/api/health/check", "X-Request-Id", "a".repeat(128));
    assertThat(requestId(longest)).isEqualTo("a".repeat(128));

    Reply unsafe = get("/api/health/check", "X-Request-Id", "<script>alert(1)</script>");
    assertThat(requestId(unsafe)).matches(UUID_PATTERN);

    Reply error = get("/api/whisper/tasks/result?task_id=-1");
    assertThat(error.status()).isEqualTo(400);
    assertThat(requestId(error)).matches(UUID_PATTERN);
  }

  /** Refused by Tomcat before any filter runs (an invalid Content-Length): still an id. */
  @Test
  void tomcatLevelRefusalsCarryTheRequestIdToo() throws Exception {
    for (String given : new String[] {"raw-refusal-1", null}) {
      try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                ("GET /api/health/check HTTP/1.1\r\nHost: localhost\r\n"
                        + (given == null ? "" : "X-Request-Id: " + given + "\r\n")
                        + "Content-Length: -1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        String answer =
            new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":400");
        if (given == null) {
          assertThat(answer).containsPattern("(?i)X-Request-Id: " + UUID_PATTERN + "\r\n");
        } else {
          assertThat(answer).containsIgnoringCase("X-Request-Id: " + given + "\r\n");
        }
      }
    }
  }

  @Test
  void theRequestsLogLinesCarryItsId(CapturedOutput output) throws Exception {
    // A successful extraction logs a line (INFO) on the request's thread.
    ExtractAudioEndpointTest.Multipart body =
        ExtractAudioEndpointTest.multipart(
            java.util.Map.of("output_format", "flac"), "tone.wav", silentWav(8000, 4000));
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url("/api/whisper/extract_audio")))
                .header("X-Request-Id", "log-line-check-7")
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Request-Id")).hasValue("log-line-check-7");
    assertThat(output.getOut().lines().filter(l -> l.contains("Extracted 0.50 s of audio")))
        .hasSize(1)
        .allSatisfy(l -> assertThat(l).contains("[log-line-check-7]"));
  }

  /** A mono 16-bit PCM WAV of {@code samples} zero samples. */
  static byte[] silentWav(int rate, int samples) {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    return b.array();
  }

  @Test
  void gzipsJsonForClientsThatAcceptIt() throws Exception {
    for (int i = 1; i <= 30; i++) {
      store.put(
          TaskRecords.task(
              i, TaskStatus.QUEUED, Instant.parse("2026-11-24T18:00:00Z").plusSeconds(i)));
    }
    for (String path : new String[] {"/openapi.json", "/api/whisper/tasks/query"}) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url(path)))
              .timeout(Duration.ofSeconds(20))
              .header("Accept-Encoding", "gzip");
      if (path.endsWith("query")) {
        request
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
      }
      HttpResponse<byte[]> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
      assertThat(r.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/json");
      byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
      JsonNode json = JSON.readTree(new String(plain, StandardCharsets.UTF_8));
      assertThat(json.isObject()).isTrue();
      assertThat(plain.length).isGreaterThan(r.body().length);
    }
    // Without Accept-Encoding: plain JSON.
    Reply plain = postJson("/api/whisper/tasks/query", "{}");
    assertThat(plain.headers().get("content-encoding")).isNull();
    assertThat(plain.json().get("data").get("total_count").asInt()).isEqualTo(30);
  }

  @Test
  void answersAPreflightFromAnAllowedOrigin() {
    Reply r =
        send(
            HttpRequest.newBuilder(URI.create(url("/api/whisper/tasks/create")))
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("access-control-allow-origin"))
        .containsExactly("https://app.example.com");
    assertThat(r.headers().get("access-control-allow-methods").get(0)).contains("POST");
    assertThat(r.headers().get("access-control-allow-headers").get(0))
        .containsIgnoringCase("content-type");

    Reply actual = get("/api/health/check", "Origin", "http://localhost:3000");
    assertThat(actual.status()).isEqualTo(200);
    assertThat(actual.headers().get("access-control-allow-origin"))
        .containsExactly("http://localhost:3000");
    assertThat(actual.headers().get("access-control-expose-headers").get(0))
        .contains("X-Request-Id", "Content-Disposition");
  }

  @Test
  void refusesOtherOriginsWithoutCorsHeaders() {
    Reply preflight =
        send(
            HttpRequest.newBuilder(URI.create(url("/api/whisper/tasks/create")))
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertError(preflight, 403, "STT_CORS_ORIGINS");
    assertThat(preflight.headers().get("access-control-allow-origin")).isNull();
    assertThat(requestId(preflight)).matches(UUID_PATTERN);

    Reply actual = get("/api/health/check", "Origin", "https://evil.example.net");
    assertError(actual, 403, "'https://evil.example.net'");
    assertThat(actual.headers().get("access-control-allow-origin")).isNull();
  }

  @Test
  void connectionsHaveLargeSocketBuffersAndFewerOfThemMayBeOpen() {
    Connector connector = ((TomcatWebServer) server.getWebServer()).getTomcat().getConnector();
    int buffer = TomcatSocketBuffers.SOCKET_BUFFER_BYTES;
    assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize")))
        .isEqualTo(String.valueOf(buffer));
    assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize")))
        .isEqualTo(String.valueOf(buffer));
    // The most heap the connections' buffers can hold stays at Tomcat's default: 8192 × 2 × 8 KiB.
    long maxConnections = Long.parseLong(String.valueOf(connector.getProperty("maxConnections")));
    assertThat(maxConnections * 2 * buffer).isEqualTo(8192L * 2 * 8 * 1024);
  }
}
