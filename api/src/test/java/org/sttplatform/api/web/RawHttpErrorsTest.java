package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests Tomcat refuses before any servlet runs (request line or headers over {@code
 * server.max-http-request-header-size}, a negative {@code Content-Length}, a NUL byte in a header)
 * still get the JSON envelope, not Tomcat's HTML error page. Sent over raw sockets because HTTP
 * clients refuse to send most of them.
 */
class RawHttpErrorsTest extends WebTestBase {
  private static final int OVER_HEADER_LIMIT = 70 * 1024;

  /** Status line, headers and body of one HTTP/1.1 exchange. */
  record RawReply(int status, Map<String, String> headers, String body) {
    JsonNode detail() {
      return JSON.readTree(body).get("detail");
    }
  }

  private RawReply exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // Tomcat may answer and close before it has read everything; the answer is still there.
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          all.write(buf, 0, n);
          if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // what arrived is what is checked
      }
      return parse(all.toString(StandardCharsets.UTF_8));
    }
  }

  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    Map<String, String> headers = parse(text).headers();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      return text.endsWith("0\r\n\r\n");
    }
    String length = headers.get("content-length");
    return length != null && text.length() - end - 4 >= Integer.parseInt(length);
  }

  private static RawReply parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as(text).isPositive();
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new RawReply(status, headers, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }

  private static void assertEnvelope(RawReply r, int status, String messagePart) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().get("content-type")).as(r.body()).startsWith("application/json");
    JsonNode d = r.detail();
    assertThat(d).as(r.body()).isNotNull();
    assertThat(d.get("code").asInt()).isEqualTo(status);
    assertThat(d.get("message").asString()).as(r.body()).contains(messagePart);
    assertThat(new java.util.ArrayList<>(d.propertyNames()))
        .startsWith("code", "message", "time", "router", "params");
    assertThat(r.body()).doesNotContain("<html", "Apache Tomcat", "Exception");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aRequestLineOverTheLimitIsAJsonError() throws IOException {
    String target = "/api/whisper/tasks/result?task_id=1&pad=" + "a".repeat(OVER_HEADER_LIMIT);
    RawReply r = exchange(ascii("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    assertEnvelope(r, 431, "too large");
  }

  @Test
  void aHeaderOverTheLimitIsAJsonError() throws IOException {
    String pad = "X-Pad: " + "a".repeat(OVER_HEADER_LIMIT) + "\r\n";
    RawReply r =
        exchange(
            ascii(
                "GET /api/whisper/tasks/result?task_id=1 HTTP/1.1\r\nHost: localhost\r\n"
                    + pad
                    + "\r\n"));
    assertEnvelope(r, 431, "too large");
  }

  @Test
  void aNegativeContentLengthIsAJsonError() throws IOException {
    RawReply r =
        exchange(
            ascii(
                "POST /api/whisper/tasks/query HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}"));
    assertEnvelope(r, 400, "Content-Length");
  }

  @Test
  void aNulByteInContentTypeIsAJsonError() throws IOException {
    RawReply r =
        exchange(
            ascii(
                "POST /api/whisper/tasks/query HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\0\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}"));
    assertThat(r.status()).as(r.body()).isBetween(400, 499);
    assertEnvelope(r, r.status(), "");
  }

  @Test
  void aBadRequestLineIsAJsonError() throws IOException {
    RawReply r = exchange(ascii("GET /a b c HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    assertEnvelope(r, 400, "");
  }

  @Test
  void aNormalRequestStillWorks() throws IOException {
    RawReply r =
        exchange(
            ascii(
                "GET /api/whisper/tasks/result?task_id=404 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n"));
    assertEnvelope(r, 404, "not found");
  }
}
