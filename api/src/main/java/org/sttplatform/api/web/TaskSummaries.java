package org.sttplatform.api.web;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.sttplatform.activities.llm.CallGuard;
import org.sttplatform.activities.llm.LlmClient;
import org.sttplatform.activities.llm.LlmException;
import org.sttplatform.activities.llm.LlmSettings;
import org.sttplatform.activities.llm.Summarizer;
import org.sttplatform.activities.llm.TextPieces;
import org.sttplatform.api.store.SummaryRecord;
import org.sttplatform.api.store.SummaryStore;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.workflows.model.Transcript;

/**
 * {@code POST /api/chatgpt/summary}: summarises a completed task's transcript with the LLM of
 * {@link LlmSettings} ({@link Summarizer}: one request if it fits the context, map-reduce on the
 * segments if not), optionally stores the summary, and answers what the original service did plus
 * the summary itself. The API key, given or configured, is never echoed, logged or stored.
 */
@Service
class TaskSummaries {
  private static final Logger log = LoggerFactory.getLogger(TaskSummaries.class);

  /** What {@code params} shows for a given key. */
  static final String MASKED_KEY = "***";

  static final int MAX_PROMPT_CHARS = 20_000;
  static final int MAX_MODEL_CHARS = 200;
  static final int MAX_LANGUAGE_CHARS = 64;

  private final TaskResults results;
  private final SummaryStore store;
  private final LlmClient client;

  TaskSummaries(TaskResults results, SummaryStore store, LlmClient client) {
    this.results = results;
    this.store = store;
    this.client = client;
  }

  /** A summary and what the envelope echoes. */
  record Made(Map<String, Object> params, Map<String, Object> data) {}

  /** The request's values, checked; {@code null} means the default. */
  record Asked(
      long taskId,
      String apiKey,
      String prompt,
      String model,
      String outputLanguage,
      boolean save) {

    /** Without the key. */
    @Override
    public String toString() {
      return "Asked[taskId=%d, apiKey=%s, prompt=%s, model=%s, outputLanguage=%s, save=%s]"
          .formatted(taskId, apiKey == null ? null : "***", prompt, model, outputLanguage, save);
    }
  }

  /** From form fields or query parameters. */
  static Asked asked(SummaryParams p) {
    return checked(
        Params.taskId(p.taskId()),
        p.chatgptApiKey(),
        p.chatgptPrompt(),
        p.chatgptModel(),
        p.outputLanguage(),
        Params.bool("save_to_database", p.saveToDatabase(), true));
  }

  /** From the JSON body. */
  static Asked asked(SummaryRequest body) {
    if (body == null) {
      throw ApiException.badRequest("The 'task_id' parameter is required");
    }
    if (body.unknownFields() != null && !body.unknownFields().isEmpty()) {
      throw ApiException.badRequest(
          "Unknown field(s) %s in the request body; allowed fields: %s"
              .formatted(
                  String.join(
                      ", ",
                      body.unknownFields().keySet().stream().map(k -> "'" + k + "'").toList()),
                  String.join(", ", SummaryRequest.FIELDS)));
    }
    Object save = body.saveToDatabase();
    boolean saveValue =
        save instanceof Boolean b
            ? b
            : Params.bool("save_to_database", text("save_to_database", save), true);
    return checked(
        jsonTaskId(body.taskId()),
        text("chatgpt_api_key", body.chatgptApiKey()),
        text("chatgpt_prompt", body.chatgptPrompt()),
        text("chatgpt_model", body.chatgptModel()),
        text("output_language", body.outputLanguage()),
        saveValue);
  }

  private static long jsonTaskId(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return Params.taskId(value.toString());
    }
    if (value == null || value instanceof String) {
      return Params.taskId((String) value);
    }
    throw ApiException.badRequest(
        "Invalid value '%s' for parameter 'task_id'; expected an integer task ID".formatted(value));
  }

  /** A string field (never echoing the value: it may be the key). */
  private static String text(String name, Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw ApiException.badRequest(
        "Invalid value for field '%s'; expected a string".formatted(name));
  }

  private static Asked checked(
      long taskId, String apiKey, String prompt, String model, String language, boolean save) {
    String p = Params.blankToNull(prompt);
    String m = Params.blankToNull(model);
    String l = Params.blankToNull(language);
    limit("chatgpt_prompt", p, MAX_PROMPT_CHARS);
    limit("chatgpt_model", m, MAX_MODEL_CHARS);
    limit("output_language", l, MAX_LANGUAGE_CHARS);
    return new Asked(taskId, Params.blankToNull(apiKey), p, m, l, save);
  }

  private static void limit(String name, String value, int max) {
    if (value != null && value.length() > max) {
      throw ApiException.badRequest(
          "The '%s' parameter is too long (%d characters; at most %d)"
              .formatted(name, value.length(), max));
    }
  }

  /** The echo of a request: the key only as {@link #MASKED_KEY} (or empty if none was given). */
  Map<String, Object> params(Asked a) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("task_id", a.taskId());
    p.put("chatgpt_api_key", a.apiKey() == null ? "" : MASKED_KEY);
    p.put("chatgpt_prompt", a.prompt() == null ? "" : a.prompt());
    p.put("chatgpt_model", a.model() == null ? client.settings().model() : a.model());
    p.put(
        "output_language",
        a.outputLanguage() == null ? Summarizer.DEFAULT_OUTPUT_LANGUAGE : a.outputLanguage());
    p.put("save_to_database", a.save());
    return p;
  }

  /**
   * @throws ApiException 404 unknown task, 202 queued or running (as {@code tasks/result}), 409
   *     failed or without text, 400 without any API key or with a prompt too long for the context,
   *     502 when the LLM server fails (its message, never the key)
   */
  Made summarize(Asked a) {
    TaskRecord task = results.finished(a.taskId());
    if (task.status() == TaskStatus.FAILED) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Task %d failed, so it has no transcript to summarize: %s"
              .formatted(task.id(), String.valueOf(task.errorMessage())),
          Map.of("task_id", task.id(), "status", TaskView.lower(task.status())));
    }
    Transcript transcript = task.result();
    if (transcript == null || transcript.text() == null || transcript.text().isBlank()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Task %d has no text to summarize (its transcript is empty)".formatted(task.id()),
          Map.of("task_id", task.id(), "status", TaskView.lower(task.status())));
    }
    Summarizer.Request request =
        new Summarizer.Request(
            parts(transcript), a.prompt(), a.model(), a.outputLanguage(), a.apiKey());
    Summarizer.Result result;
    try {
      result = new Summarizer(client).summarize(request, CallGuard.BLOCKING);
    } catch (LlmException e) {
      throw failure(e);
    }
    log.info(
        "Task {}: summary by {} from {} piece(s) in {} request(s)",
        task.id(),
        result.model(),
        result.chunks(),
        result.requests());

    Map<String, Object> data = new LinkedHashMap<>();
    data.put("task_id", task.id());
    data.put("task_text", transcript.text());
    data.put("summary", result.summary());
    data.put("model", result.model());
    data.put("chunks", result.chunks());
    data.put("requests", result.requests());
    data.put("output_language", request.effectiveOutputLanguage());
    SummaryRecord saved = null;
    if (a.save()) {
      saved =
          store
              .add(
                  task.id(),
                  result.summary(),
                  result.model(),
                  request.effectivePrompt(),
                  request.effectiveOutputLanguage(),
                  result.chunks())
              .orElseThrow(TaskResults::notFound); // deleted while it was summarised
    }
    data.put("summary_id", saved == null ? null : saved.id());
    data.put("chat_completion", result.completion());
    return new Made(params(a), data);
  }

  /** Segment texts are where a long transcript is cut; without segments, its sentences. */
  static List<String> parts(Transcript transcript) {
    if (transcript.segments() == null || transcript.segments().isEmpty()) {
      return TextPieces.sentences(transcript.text());
    }
    List<String> parts = new ArrayList<>(transcript.segments().size());
    for (Transcript.Segment s : transcript.segments()) {
      if (s.text() != null) {
        parts.add(s.text());
      }
    }
    return parts;
  }

  private static ApiException failure(LlmException e) {
    return switch (e.kind()) {
      case NO_API_KEY ->
          ApiException.badRequest(
              "No LLM API key: set %s on the server, or send chatgpt_api_key"
                  .formatted(LlmSettings.API_KEY_ENV));
      case BAD_REQUEST -> ApiException.badRequest(e.getMessage());
      case REJECTED, UNAVAILABLE ->
          new ApiException(
              HttpStatus.BAD_GATEWAY, e.getMessage(), Map.of("llm_status", e.status()));
    };
  }

  /** A task's stored summaries, for its result. */
  List<SummaryView> stored(long taskId) {
    return store.forTask(taskId).stream().map(SummaryView::of).toList();
  }
}
