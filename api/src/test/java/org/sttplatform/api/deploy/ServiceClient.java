package org.sttplatform.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** The REST calls the deployment tests make, and the speech they upload. */
final class ServiceClient {
  static final String SPEECH =
      "Hello world. This is a test of the speech to text platform. "
          + "The quick brown fox jumps over the lazy dog.";

  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  ServiceClient(int port) {
    this.port = port;
  }

  /** Uploads {@code file} as a new task and returns its id. */
  long upload(Path file, String query) throws Exception {
    String boundary = "----stt" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file_upload\"; filename=\""
                + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/whisper/tasks/create?" + query))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(
                    HttpRequest.BodyPublishers.ofByteArrays(
                        List.of(head, Files.readAllBytes(file), tail)))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode task = json.readTree(response.body()).path("data");
    assertThat(task.path("status").asText()).isEqualTo("queued");
    return task.path("id").asLong();
  }

  /**
   * Polls the task's result until it is finished (completed or failed) and returns it.
   *
   * @param context what to show when it does not finish in time (e.g. the workers' output)
   */
  JsonNode awaitFinished(long id, Duration timeout, Supplier<String> context) {
    JsonNode[] last = new JsonNode[1];
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                HttpResponse<String> response = get("/api/whisper/tasks/result?task_id=" + id);
                if (response.statusCode() == 202) {
                  return false;
                }
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                last[0] = json.readTree(response.body()).path("data");
                return true;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "task " + id + " did not finish in " + timeout + "; " + context.get(), e);
    }
    return last[0];
  }

  JsonNode getJson(String path) throws Exception {
    return json.readTree(get(path).body());
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Speech synthesised with espeak-ng into {@code out}. */
  static Path synthesise(Path out) throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "150", "-w", out.toString(), SPEECH)
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "espeak-ng is not installed: run ./stt test or .ci/run, which install it", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return out;
  }
}
