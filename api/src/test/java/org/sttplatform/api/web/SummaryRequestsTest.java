package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.TaskRecords.TRANSCRIPT;
import static org.sttplatform.api.web.TaskRecords.task;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.Transcript;

/**
 * {@code POST /api/chatgpt/summary} before any LLM request: task states, parameters and the key's
 * masking, on the web layer with no LLM key configured. The summaries themselves are in {@code
 * SummaryEndpointTest} (real database, a local OpenAI-compatible server).
 */
class SummaryRequestsTest extends WebTestBase {
  static final Instant T0 = Instant.parse("2026-11-24T18:00:00.123Z");
  static final String PATH = "/api/chatgpt/summary";

  Reply postForm(String pathAndQuery, String form) {
    return send(
        HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  @Test
  void anUnknownTaskIs404() {
    assertError(postJson(PATH, "{\"task_id\": 404}"), 404, TaskResults.MSG_NOT_FOUND);
    assertError(postForm(PATH, "task_id=404"), 404, TaskResults.MSG_NOT_FOUND);
  }

  @Test
  void aQueuedOrRunningTaskIs202AsForItsResult() {
    store.put(task(9, TaskStatus.QUEUED, T0));
    workflows.progress.put(9L, new TaskProgress("queued", 0.0));
    Reply queued = postJson(PATH, "{\"task_id\": 9}");
    assertError(queued, 202, TaskResults.MSG_QUEUED);
    assertThat(queued.detail().get("stage").asString()).isEqualTo("queued");

    store.put(task(10, TaskStatus.PROCESSING, T0));
    workflows.progress.put(10L, new TaskProgress("transcribing", 0.5));
    Reply running = postForm(PATH, "task_id=10");
    assertError(running, 202, TaskResults.MSG_PROCESSING);
    assertThat(running.detail().get("progress").asDouble()).isEqualTo(0.5);
  }

  @Test
  void aFailedTaskIs409WithItsError() {
    store.put(task(11, TaskStatus.FAILED, TaskPriority.NORMAL, T0, null, "No audio stream"));
    Reply r = postJson(PATH, "{\"task_id\": \"11\"}");
    assertError(r, 409, "Task 11 failed");
    assertThat(r.detail().get("message").asString()).contains("No audio stream");
  }

  @Test
  void aCompletedTaskWithoutTextIs409() {
    Transcript silent = new Transcript("", "en", 0.5, 3.0, "whisper.cpp", "base", 0.1, List.of());
    store.put(task(12, TaskStatus.COMPLETED, TaskPriority.NORMAL, T0, silent, null));
    assertError(postJson(PATH, "{\"task_id\": 12}"), 409, "no text to summarize");
  }

  @Test
  void withoutAnyKeyTheAnswerIs400NamingTheSetting() {
    store.put(task(13, TaskStatus.COMPLETED, TaskPriority.NORMAL, T0, TRANSCRIPT, null));
    Reply json = postJson(PATH, "{\"task_id\": 13, \"chatgpt_api_key\": \"\"}");
    assertError(json, 400, "STT_LLM_API_KEY");
    Reply form = postForm(PATH, "task_id=13");
    assertError(form, 400, "STT_LLM_API_KEY");
    assertThat(summaryStore.rows).isEmpty();
  }

  @Test
  void badParametersAre400NamingThem() {
    assertError(postJson(PATH, "{}"), 400, "'task_id' parameter is required");
    assertError(postJson(PATH, "{\"task_id\": 1.5}"), 400, "'task_id'");
    assertError(postJson(PATH, "{\"task_id\": \"-1\"}"), 400, "'task_id'");
    assertError(postForm(PATH, "task_id=abc"), 400, "'task_id'");
    assertError(
        postJson(PATH, "{\"task_id\": 1, \"chatgpt_modle\": \"x\"}"), 400, "'chatgpt_modle'");
    assertError(
        postJson(PATH, "{\"task_id\": 1, \"chatgpt_model\": 4}"), 400, "field 'chatgpt_model'");
    assertError(
        postJson(PATH, "{\"task_id\": 1, \"save_to_database\": \"maybe\"}"),
        400,
        "'save_to_database'");
    assertError(
        postJson(PATH, "{\"task_id\": 1, \"chatgpt_prompt\": \"" + "x".repeat(20_001) + "\"}"),
        400,
        "'chatgpt_prompt' parameter is too long");
  }

  @Test
  void aKeyInTheQueryStringIsMaskedInTheEnvelope() {
    String secret = "sk-in-the-url-5d41402abc4b2a76";
    Reply r = postForm(PATH + "?task_id=404&chatgpt_api_key=" + secret, "");
    assertError(r, 404, TaskResults.MSG_NOT_FOUND);
    assertThat(r.body()).doesNotContain(secret);
    assertThat(r.detail().get("router").asString())
        .endsWith(PATH + "?task_id=404&chatgpt_api_key=***");
    assertThat(r.detail().get("params").get("chatgpt_api_key").asString()).isEqualTo("***");

    // Spelled with percent-escapes, the name is the same parameter.
    Reply escaped = postForm(PATH + "?task_id=404&chatgpt%5Fapi%5Fkey=" + secret, "");
    assertThat(escaped.body()).doesNotContain(secret);
  }

  @Test
  void aKeyHeaderIsNotTakenForTheParameter() {
    store.put(task(14, TaskStatus.COMPLETED, TaskPriority.NORMAL, T0, TRANSCRIPT, null));
    Reply r =
        send(
            HttpRequest.newBuilder(URI.create(url(PATH)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("chatgpt_api_key", "sk-header")
                .POST(HttpRequest.BodyPublishers.ofString("task_id=14")));
    assertError(r, 400, "STT_LLM_API_KEY");
  }
}
