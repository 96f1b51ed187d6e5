package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.TaskRecords.TRANSCRIPT;
import static org.sttplatform.api.web.TaskRecords.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.workflows.model.TaskProgress;
import tools.jackson.databind.JsonNode;

class ResultAndDeleteTest extends WebTestBase {
  static final Instant T0 = Instant.parse("2026-11-24T18:00:00.123Z");

  @Test
  void completedTaskAnswers200WithTheFullResult() {
    store.put(task(7, TaskStatus.COMPLETED, TaskPriority.NORMAL, T0, TRANSCRIPT, null));
    Reply r = get("/api/whisper/tasks/result?task_id=7");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("params").get("task_id").asLong()).isEqualTo(7);
    JsonNode data = r.data();
    // The seed's keys, then the stored summaries and subtitle files (only the result lists them).
    assertThat(r.fieldNames(data))
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(
                    CreateTaskFixtures.SEED_KEYS.stream(),
                    java.util.stream.Stream.of("summaries", "subtitles"))
                .toList());
    assertThat(data.get("summaries").isEmpty()).isTrue();
    assertThat(data.get("subtitles").isEmpty()).isTrue();
    assertThat(data.get("status").asString()).isEqualTo("completed");
    assertThat(data.get("created_at").asString()).isEqualTo("2026-11-24T18:00:00.123Z");
    assertThat(data.get("completed_at").asString()).isEqualTo("2026-11-24T18:00:05.123Z");
    assertThat(data.get("language").asString()).isEqualTo("zh");
    JsonNode result = data.get("result");
    assertThat(r.fieldNames(result))
        .containsExactlyInAnyOrder(
            "text",
            "language",
            "language_probability",
            "duration",
            "engine",
            "model",
            "engine_seconds",
            "segments");
    JsonNode seg = result.get("segments").get(0);
    assertThat(r.fieldNames(seg))
        .containsExactlyInAnyOrder(
            "id",
            "start",
            "end",
            "text",
            "tokens",
            "avg_logprob",
            "compression_ratio",
            "no_speech_prob",
            "words");
    assertThat(seg.get("words").get(0).get("word").asString()).isEqualTo("你好");
    assertThat(result.get("segments").get(1).get("words").isNull()).isTrue();
  }

  @Test
  void failedTaskAnswers200WithItsErrorMessage() {
    store.put(
        task(8, TaskStatus.FAILED, TaskPriority.NORMAL, T0, null, "The media has no audio stream"));
    Reply r = get("/api/whisper/tasks/result?task_id=8");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("status").asString()).isEqualTo("failed");
    assertThat(r.data().get("error_message").asString()).isEqualTo("The media has no audio stream");
  }

  @Test
  void queuedTaskAnswers202WithLiveProgress() {
    store.put(task(9, TaskStatus.QUEUED, T0));
    workflows.progress.put(9L, new TaskProgress("queued", 0.0));
    Reply r = get("/api/whisper/tasks/result?task_id=9");

    assertError(r, 202, TaskResults.MSG_QUEUED);
    assertThat(r.detail().get("message").asString()).isEqualTo(TaskResults.MSG_QUEUED);
    assertThat(r.detail().get("stage").asString()).isEqualTo("queued");
    assertThat(r.detail().get("progress").asDouble()).isEqualTo(0.0);
    assertThat(r.detail().get("status").asString()).isEqualTo("queued");
    assertThat(r.detail().get("params").get("task_id").asString()).isEqualTo("9");
    assertThat(r.detail().get("queue_position").asLong()).isZero();
  }

  @Test
  void aQueuedRowWhoseWorkflowAlreadyStartedAnswersProcessing() {
    store.put(task(11, TaskStatus.QUEUED, T0));
    workflows.progress.put(11L, new TaskProgress("downloading", 0.05));
    Reply r = get("/api/whisper/tasks/result?task_id=11");

    assertError(r, 202, TaskResults.MSG_PROCESSING);
    assertThat(r.detail().get("stage").asString()).isEqualTo("downloading");
    assertThat(r.detail().get("progress").asDouble()).isEqualTo(0.05);
    assertThat(r.detail().get("status").asString()).isEqualTo("processing");
  }

  @Test
  void processingTaskFallsBackToTheStoredProgress() {
    store.put(task(10, TaskStatus.PROCESSING, T0));
    Reply r = get("/api/whisper/tasks/result?task_id=10");

    assertError(r, 202, TaskResults.MSG_PROCESSING);
    assertThat(r.detail().get("stage").asString()).isEqualTo("transcribing");
    assertThat(r.detail().get("progress").asDouble()).isEqualTo(0.4);
  }

  @Test
  void missingTaskIs404() {
    assertError(get("/api/whisper/tasks/result?task_id=404"), 404, TaskResults.MSG_NOT_FOUND);
  }

  @Test
  void nonNumericOrMissingTaskIdIs400() {
    assertError(get("/api/whisper/tasks/result?task_id=abc"), 400, "'task_id'");
    assertError(get("/api/whisper/tasks/result"), 400, "'task_id'");
    assertError(get("/api/whisper/tasks/result?task_id="), 400, "'task_id'");
    assertError(delete("/api/whisper/tasks/delete?task_id=1.5"), 400, "'task_id'");
  }

  @Test
  void deleteCancelsTheWorkflowRemovesTheUploadAndTheRow() throws Exception {
    Reply created =
        postMultipart(
            "/api/whisper/tasks/create", java.util.Map.of(), "a.wav", CreateTaskFixtures.AUDIO);
    long id = created.data().get("id").asLong();
    Path stored = DATA_DIR.resolve(created.data().get("file_path").asString());
    assertThat(stored).exists();

    Reply r = delete("/api/whisper/tasks/delete?task_id=" + id);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("task_id").asLong()).isEqualTo(id);
    assertThat(r.data().get("message").asString()).isEqualTo("Task deleted successfully");
    assertThat(workflows.cancelled).containsExactly(id);
    assertThat(stored).doesNotExist();
    assertThat(Files.exists(stored.getParent())).isFalse();
    assertThat(store.rows).doesNotContainKey(id);
    assertError(get("/api/whisper/tasks/result?task_id=" + id), 404, TaskResults.MSG_NOT_FOUND);
  }

  @Test
  void deleteIs503AndKeepsEverythingWhenTheWorkflowCannotBeCancelled() {
    Reply created =
        postMultipart(
            "/api/whisper/tasks/create", java.util.Map.of(), "a.wav", CreateTaskFixtures.AUDIO);
    long id = created.data().get("id").asLong();
    Path stored = DATA_DIR.resolve(created.data().get("file_path").asString());
    workflows.failCancel = true;

    Reply r = delete("/api/whisper/tasks/delete?task_id=" + id);

    assertError(r, 503, "nothing was deleted");
    assertThat(r.detail().get("task_id").asLong()).isEqualTo(id);
    assertThat(r.body()).doesNotContain("10.0.0.1");
    assertThat(stored).exists();
    assertThat(store.rows).containsKey(id);
  }

  @Test
  void deleteOfAUrlTaskNeverTouchesFilesOutsideTheUploads() throws Exception {
    Path outside = Files.createTempFile("not-an-upload", ".wav");
    TaskRecord t = task(11, TaskStatus.COMPLETED, T0);
    store.put(
        new TaskRecord(
            t.id(),
            t.status(),
            t.stage(),
            t.progress(),
            t.taskType(),
            t.priority(),
            t.engineName(),
            t.modelName(),
            t.platform(),
            t.callbackUrl(),
            null,
            null,
            null,
            0,
            null,
            t.createdAt(),
            t.updatedAt(),
            null,
            null,
            null,
            outside.toString(),
            null,
            "x.wav",
            1L,
            1.0,
            null,
            t.decodeOptions(),
            null,
            null,
            null));
    Reply r = delete("/api/whisper/tasks/delete?task_id=11");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(outside).exists();
    Files.delete(outside);
  }

  @Test
  void deleteOfAMissingTaskIs404() {
    assertError(delete("/api/whisper/tasks/delete?task_id=12345"), 404, TaskResults.MSG_NOT_FOUND);
    assertThat(workflows.cancelled).isEmpty();
  }
}
