package org.sttplatform.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** The REST calls the service-level tests make, over real HTTP. */
public final class ServiceClient {
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  /** A client of the service on 127.0.0.1:{@code port}. */
  public ServiceClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Uploads {@code file} as a new task and returns the task ({@code data}). */
  public JsonNode upload(Path file, String query) throws Exception {
    return created(uploadResponse(file, query));
  }

  /** The raw response to an upload, for tests of rejected uploads. */
  public HttpResponse<String> uploadResponse(Path file, String query) throws Exception {
    String boundary = "----stt" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file_upload\"; filename=\""
                + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return send(
        HttpRequest.newBuilder(uri("/api/whisper/tasks/create?" + query))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(
                HttpRequest.BodyPublishers.ofByteArrays(
                    List.of(head, Files.readAllBytes(file), tail)))
            .build());
  }

  /** Creates a task from query parameters only (e.g. {@code file_url=…}) and returns it. */
  public JsonNode createFromQuery(String query) throws Exception {
    return created(
        send(
            HttpRequest.newBuilder(uri("/api/whisper/tasks/create?" + query))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build()));
  }

  /** POSTs a JSON body and returns the parsed answer, asserting 200. */
  public JsonNode postJson(String path, String body) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** Deletes a task. */
  public HttpResponse<String> delete(long id) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/api/whisper/tasks/delete?task_id=" + id)).DELETE().build());
  }

  /** The result endpoint's parsed answer, whatever its status. */
  public JsonNode result(long id) throws Exception {
    return getJson("/api/whisper/tasks/result?task_id=" + id);
  }

  public JsonNode getJson(String path) throws Exception {
    return json.readTree(get(path).body());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  /** Polls the task's result until it is completed or failed and returns the task. */
  public JsonNode awaitFinished(long id, Duration timeout) {
    return awaitFinished(id, timeout, () -> "");
  }

  /**
   * Polls the task's result until it is completed or failed and returns the task.
   *
   * @param context what to show when it does not finish in time (e.g. the workers' output)
   */
  public JsonNode awaitFinished(long id, Duration timeout, Supplier<String> context) {
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

  /** Like {@link #awaitFinished(long, Duration)}, asserting the task completed. */
  public JsonNode awaitCompleted(long id, Duration timeout) {
    JsonNode task = awaitFinished(id, timeout);
    assertThat(task.path("status").asText())
        .as("task %d: %s", id, task.path("error_message").asText())
        .isEqualTo("completed");
    return task;
  }

  private JsonNode created(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode task = json.readTree(response.body()).path("data");
    assertThat(task.path("status").asText()).isEqualTo("queued");
    return task;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }
}
