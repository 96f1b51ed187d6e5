package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.workflows.model.TaskProgress;
import tools.jackson.databind.JsonNode;

/**
 * Every example the OpenAPI document shows for the task, extraction, health, callback, stored
 * subtitle and workers endpoints is what the code answers: for each documented (operation, status,
 * example) the test makes the service give that answer and compares them: the same members at every
 * level (objects compared by their names, arrays by their first element), the same {@code code},
 * {@code message}, {@code status} and {@code stage}. Examples may show fewer array elements; values
 * such as times and URLs differ.
 */
class DocumentedExamplesTest extends WebTestBase {
  private static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

  /** Makes the service give one documented answer. */
  private interface Answer {
    Reply give() throws Exception;
  }

  /** A video stream and no audio (h264 in Matroska, under the test's 64KB upload limit). */
  private static byte[] VIDEO_ONLY;

  @org.junit.jupiter.api.BeforeAll
  static void videoOnly() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("stt-video-only", ".mkv");
    Process p =
        new ProcessBuilder(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=d=1:s=32x32:r=1",
                "-c:v",
                "libx264",
                file.toString())
            .inheritIO()
            .start();
    assertThat(p.waitFor()).isZero();
    VIDEO_ONLY = java.nio.file.Files.readAllBytes(file);
    java.nio.file.Files.delete(file);
  }

  private Map<String, Answer> answers() {
    Map<String, Answer> a = new LinkedHashMap<>();
    a.put(
        "create_task 200 queued",
        () ->
            postMultipart(
                "/api/whisper/tasks/create",
                map("language", "en", "word_timestamps", "true"),
                "meeting.mp4",
                "SECONDS=10;media".getBytes()));
    a.put(
        "create_task 400 both_sources",
        () ->
            postMultipart(
                "/api/whisper/tasks/create?file_url=https://example.com/talk.mp3",
                Map.of(),
                "meeting.mp4",
                "media".getBytes()));
    a.put(
        "create_task 413 too_large",
        () -> postMultipart("/api/whisper/tasks/create", Map.of(), "big.mp4", new byte[100_000]));
    a.put(
        "create_task 415 no_audio",
        () ->
            postMultipart(
                "/api/whisper/tasks/create", Map.of(), "silent.mp4", "NOAUDIO".getBytes()));
    a.put(
        "create_task 503 workflow_unavailable",
        () -> {
          workflows.failStart = true;
          return postMultipart(
              "/api/whisper/tasks/create", Map.of(), "meeting.mp4", "media".getBytes());
        });
    a.put(
        "task_result 200 completed",
        () -> {
          store.put(
              TaskRecords.task(
                  1, TaskStatus.COMPLETED, TaskPriority.NORMAL, T0, TaskRecords.TRANSCRIPT, null));
          // A subtitle file kept for it (subtitle_formats=srt at create), listed in the result.
          java.nio.file.Path results =
              new org.sttplatform.activities.DataLayout(DATA_DIR).taskResultsDir(1);
          org.sttplatform.activities.subtitles.StoredSubtitles.write(
              TaskRecords.TRANSCRIPT,
              List.of(org.sttplatform.activities.subtitles.SubtitleFormat.SRT),
              org.sttplatform.activities.subtitles.SubtitleOptions.defaults(),
              results,
              "meeting");
          try {
            return get("/api/whisper/tasks/result?task_id=1");
          } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(results);
          }
        });
    a.put(
        "task_result 200 failed",
        () -> {
          store.put(
              TaskRecords.task(
                  2, TaskStatus.FAILED, TaskPriority.NORMAL, T0, null, "The media has no audio"));
          return get("/api/whisper/tasks/result?task_id=2");
        });
    a.put(
        "task_result 202 processing",
        () -> {
          store.put(TaskRecords.task(1, TaskStatus.PROCESSING, T0));
          workflows.progress.put(1L, new TaskProgress("transcribing", 0.61));
          return get("/api/whisper/tasks/result?task_id=1");
        });
    a.put(
        "task_result 202 queued",
        () -> {
          store.put(TaskRecords.task(1, TaskStatus.QUEUED, T0));
          return get("/api/whisper/tasks/result?task_id=1");
        });
    a.put("task_result 400 bad_task_id", () -> get("/api/whisper/tasks/result?task_id=abc"));
    a.put("task_result 404 not_found", () -> get("/api/whisper/tasks/result?task_id=404"));
    a.put(
        "delete_task 200 deleted",
        () -> {
          store.put(TaskRecords.task(1, TaskStatus.COMPLETED, T0));
          return delete("/api/whisper/tasks/delete?task_id=1");
        });
    a.put("delete_task 404 not_found", () -> delete("/api/whisper/tasks/delete?task_id=404"));
    a.put(
        "delete_task 503 workflow_unavailable",
        () -> {
          store.put(TaskRecords.task(1, TaskStatus.COMPLETED, T0));
          workflows.failCancel = true;
          return delete("/api/whisper/tasks/delete?task_id=1");
        });
    a.put(
        "query_tasks 200 tasks",
        () -> {
          store.put(TaskRecords.task(1, TaskStatus.COMPLETED, T0));
          return postJson("/api/whisper/tasks/query", "{\"status\": \"completed\", \"limit\": 10}");
        });
    a.put(
        "query_tasks 400 bad_status",
        () -> postJson("/api/whisper/tasks/query", "{\"status\": \"done\"}"));
    a.put("delete_task 400 bad_task_id", () -> delete("/api/whisper/tasks/delete?task_id=abc"));
    a.put(
        "extract_audio 400 sample_rate",
        () ->
            postMultipart(
                "/api/whisper/extract_audio",
                map("output_format", "opus", "sample_rate", "44100"),
                "file",
                "clip.wav",
                HttpEdgesTest.silentWav(8000, 800)));
    a.put(
        "extract_audio 413 too_large",
        () ->
            postMultipart(
                "/api/whisper/extract_audio", Map.of(), "file", "big.wav", new byte[100_000]));
    a.put(
        "extract_audio 415 no_audio",
        () ->
            postMultipart("/api/whisper/extract_audio", Map.of(), "file", "film.mkv", VIDEO_ONLY));
    a.put("callback_test 400 not_an_object", () -> postJson("/api/whisper/callback/test", "[1]"));
    a.put(
        "callback_redeliver 400 bad_task_id",
        () -> postEmpty("/api/whisper/callback/redeliver?task_id=abc"));
    a.put(
        "callback_redeliver 404 not_found",
        () -> postEmpty("/api/whisper/callback/redeliver?task_id=404"));
    a.put(
        "callback_redeliver 409 no_callback",
        () -> {
          store.put(TaskRecords.task(1, TaskStatus.COMPLETED, T0));
          return postEmpty("/api/whisper/callback/redeliver?task_id=1");
        });
    a.put(
        "task_subtitle_files 200 files",
        () -> {
          store.put(TaskRecords.task(1, TaskStatus.COMPLETED, T0));
          java.nio.file.Path results =
              new org.sttplatform.activities.DataLayout(DATA_DIR).taskResultsDir(1);
          org.sttplatform.activities.subtitles.StoredSubtitles.write(
              TaskRecords.TRANSCRIPT,
              List.of(org.sttplatform.activities.subtitles.SubtitleFormat.SRT),
              org.sttplatform.activities.subtitles.SubtitleOptions.defaults(),
              results,
              "meeting");
          try {
            return get("/api/whisper/tasks/subtitles?task_id=1");
          } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(results);
          }
        });
    a.put(
        "task_subtitle_files 400 bad_task_id",
        () -> get("/api/whisper/tasks/subtitles?task_id=abc"));
    a.put(
        "task_subtitle_files 404 not_found", () -> get("/api/whisper/tasks/subtitles?task_id=404"));
    a.put(
        "list_workers 403 cross_origin",
        () ->
            send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/workers")))
                    .header("Origin", "https://other.example")
                    .GET()));
    a.put("health_check 200 ok", () -> get("/api/health/check"));
    a.put(
        "health_check 200 degraded",
        () -> {
          model.status = new ModelReadiness.Status(false, "Model 'base' is not present");
          return get("/api/health/check");
        });
    a.put("health_check 400 malformed", this::invalidContentLength);
    a.put(
        "health_check 503 down",
        () -> {
          database.down = true;
          return get("/api/health/check");
        });
    return a;
  }

  /**
   * A request Tomcat refuses before any servlet runs: the answer of {@link JsonErrorReportValve}.
   */
  private Reply invalidContentLength() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET /api/health/check HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      return new Reply(status, Map.of(), body, JSON.readTree(body));
    }
  }

  /** The operations whose examples are checked here. */
  private static final List<String> OPERATIONS =
      List.of(
          "create_task",
          "query_tasks",
          "task_result",
          "delete_task",
          "health_check",
          "extract_audio",
          "callback_test",
          "callback_redeliver",
          "task_subtitle_files",
          "list_workers");

  /** Members whose values must be the same in the example and the answer. */
  private static final List<String> SAME_VALUES = List.of("code", "message", "status", "stage");

  @Test
  void everyDocumentedExampleIsARealAnswer() throws Exception {
    Map<String, JsonNode> documented = documentedExamples();
    Map<String, Answer> answers = answers();
    assertThat(new TreeSet<>(documented.keySet()))
        .as("documented examples vs. answers this test makes")
        .isEqualTo(new TreeSet<>(answers.keySet()));
    for (Map.Entry<String, Answer> e : answers.entrySet()) {
      resetFakes();
      Reply real = e.getValue().give();
      String key = e.getKey();
      assertThat(real.status()).as(key + ": " + real.body()).isEqualTo(statusOf(key));
      List<String> differences = new ArrayList<>();
      compare(documented.get(key), real.json(), "$", differences);
      assertThat(differences)
          .as(key + "\nexample: " + documented.get(key) + "\nreal: " + real.body())
          .isEmpty();
    }
  }

  /**
   * Swagger UI's "Try it out" sends a parameter's example as its value: optional create parameters
   * have none (a user who only picks a file would get a Chinese decode or another model), and the
   * query body's first example filters nothing.
   */
  @Test
  void tryItOutSendsNoExampleValues() {
    JsonNode doc = get("/openapi.json").json();
    JsonNode create = doc.get("paths").get("/api/whisper/tasks/create").get("post");
    for (JsonNode parameter : create.get("parameters")) {
      assertThat(parameter.has("example") || parameter.has("examples"))
          .as(parameter.get("name").asString())
          .isFalse();
      assertThat(parameter.path("schema").has("example")).isFalse();
    }
    JsonNode queryBody =
        doc.get("paths")
            .get("/api/whisper/tasks/query")
            .get("post")
            .get("requestBody")
            .get("content")
            .get("application/json")
            .get("examples");
    assertThat(queryBody.propertyNames().iterator().next()).isEqualTo("all");
    assertThat(queryBody.get("all").get("value").isObject()).isTrue();
    assertThat(queryBody.get("all").get("value").isEmpty()).isTrue();
  }

  /** "operationId status name" → example value, for {@link #OPERATIONS}. */
  private Map<String, JsonNode> documentedExamples() {
    JsonNode paths = get("/openapi.json").json().get("paths");
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (JsonNode path : paths) {
      for (JsonNode op : path) {
        String id = op.path("operationId").asString("");
        if (!OPERATIONS.contains(id)) {
          continue;
        }
        for (Map.Entry<String, JsonNode> response : op.get("responses").properties()) {
          JsonNode json = response.getValue().path("content").path("application/json");
          for (Map.Entry<String, JsonNode> ex : json.path("examples").properties()) {
            found.put(id + " " + response.getKey() + " " + ex.getKey(), ex.getValue().get("value"));
          }
        }
      }
    }
    return found;
  }

  private static int statusOf(String key) {
    return Integer.parseInt(key.split(" ")[1]);
  }

  private static void compare(JsonNode example, JsonNode real, String at, List<String> out) {
    if (example == null || real == null) {
      out.add(at + ": example " + example + ", answer " + real);
      return;
    }
    if (example.isObject() && real.isObject()) {
      if (!new TreeSet<>(example.propertyNames()).equals(new TreeSet<>(real.propertyNames()))) {
        out.add(at + ": members " + example.propertyNames() + " vs " + real.propertyNames());
        return;
      }
      for (String name : example.propertyNames()) {
        JsonNode e = example.get(name);
        JsonNode r = real.get(name);
        if (SAME_VALUES.contains(name) && e.isValueNode()) {
          if (!normalized(e).equals(normalized(r))) {
            out.add(at + "." + name + ": " + e + " vs " + r);
          }
        } else {
          compare(e, r, at + "." + name, out);
        }
      }
    } else if (example.isArray() && real.isArray()) {
      if (!example.isEmpty() && !real.isEmpty()) {
        compare(example.get(0), real.get(0), at + "[0]", out);
      }
    } else if (example.isNull() != real.isNull() && !at.endsWith("model")) {
      out.add(at + ": " + example + " vs " + real);
    } else if (!example.isNull() && example.getNodeType() != real.getNodeType()) {
      out.add(at + ": type " + example.getNodeType() + " vs " + real.getNodeType());
    }
  }

  /** Numbers, sizes and task ids in messages vary with the run. */
  private static String normalized(JsonNode value) {
    return value.asString().replaceAll("\\d+(KB|MB|GB)?", "#");
  }
}
