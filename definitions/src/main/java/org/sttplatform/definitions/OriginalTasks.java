package org.sttplatform.definitions;

import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.EXTRACT_AUDIO;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.FETCH;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.HTTP_REQUEST;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.PROBE;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.TRANSCRIBE;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sttplatform.workflows.pipeline.Durations;
import org.sttplatform.workflows.pipeline.definition.RetrySpec;
import org.sttplatform.workflows.pipeline.definition.StepSpec;

/** One original task → one step (two for a transcription, which needs extracted audio here). */
final class OriginalTasks {
  /** Original component names, normalised (lower case, letters and digits only), → ours. */
  static final Map<String, String> COMPONENTS =
      Map.ofEntries(
          Map.entry("download", FETCH),
          Map.entry("downloader", FETCH),
          Map.entry("filedownload", FETCH),
          Map.entry("downloadfile", FETCH),
          Map.entry("urldownload", FETCH),
          Map.entry("fetch", FETCH),
          Map.entry("transcribe", TRANSCRIBE),
          Map.entry("transcription", TRANSCRIBE),
          Map.entry("transcriber", TRANSCRIBE),
          Map.entry("whisper", TRANSCRIBE),
          Map.entry("whispertranscription", TRANSCRIBE),
          Map.entry("extractaudio", EXTRACT_AUDIO),
          Map.entry("audioextraction", EXTRACT_AUDIO),
          Map.entry("probe", PROBE),
          Map.entry("mediaprobe", PROBE),
          Map.entry("http", HTTP_REQUEST),
          Map.entry("httprequest", HTTP_REQUEST),
          Map.entry("webhook", HTTP_REQUEST),
          Map.entry("wait", WAIT),
          Map.entry("delay", WAIT),
          Map.entry("sleep", WAIT));

  private static final Set<String> FIELDS =
      Set.of(
          "TASK_ID",
          "COMPONENT",
          "PARAMETERS",
          "RETRY_POLICY",
          "TIMEOUT",
          "DELAY",
          "CONDITION",
          "DEPENDENCIES",
          "PRIORITY",
          "ON_FAILURE");

  /** Parameters the transcribe component takes by name; other decode options go to options. */
  private static final Set<String> TRANSCRIBE_PARAMS =
      Set.of("task", "model", "language", "word_timestamps", "initial_prompt");

  private OriginalTasks() {}

  static String sanitize(String name, String disallowed) {
    String s = name.trim().toLowerCase(Locale.ROOT).replaceAll(disallowed, "_");
    s = s.replaceAll("^_+|_+$", "");
    return !s.isEmpty() && !Character.isLetter(s.charAt(0)) ? "t_" + s : s;
  }

  /** Our component for an original name, or {@code null}. */
  static String component(String original) {
    String key = original.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (key.endsWith("component") && key.length() > "component".length()) {
      key = key.substring(0, key.length() - "component".length());
    }
    return COMPONENTS.get(key);
  }

  /** Records the step id of the task at {@code i} (original TASK_ID → ours). */
  static void registerId(JsonNode task, int i, Map<String, String> ids, List<Problem> problems) {
    String at = JsonPaths.index("$.tasks", i);
    String original = OriginalWorkflowMapper.text(task, "TASK_ID");
    if (original == null || sanitize(original, "[^a-z0-9_]+").isEmpty()) {
      problems.add(new Problem(at + ".TASK_ID", "required: the step id is made from it"));
      return;
    }
    String id = sanitize(original, "[^a-z0-9_]+");
    if (ids.containsValue(id) && !id.equals(ids.get(original))) {
      problems.add(
          new Problem(
              at + ".TASK_ID",
              "'" + original + "' maps to the step id '" + id + "' of another task"));
    }
    ids.putIfAbsent(original, id);
  }

  static List<StepSpec> map(
      JsonNode task, int i, Map<String, String> ids, JsonNode tasks, List<Problem> problems) {
    String at = JsonPaths.index("$.tasks", i);
    for (Iterator<String> it = task.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        problems.add(new Problem(JsonPaths.field(at, field), "unknown field '" + field + "'"));
      }
    }
    String id = ids.get(OriginalWorkflowMapper.text(task, "TASK_ID"));
    String original = OriginalWorkflowMapper.text(task, "COMPONENT");
    String component = original == null ? null : component(original);
    if (original == null) {
      problems.add(new Problem(at + ".COMPONENT", "required"));
    } else if (component == null) {
      component = original;
      problems.add(
          new Problem(
              at + ".COMPONENT",
              "the original component '"
                  + original
                  + "' has no equivalent here; kept as written"
                  + " (register a component of that name, or change it)"));
    }
    List<String> dependsOn = dependencies(task.get("DEPENDENCIES"), at, ids, problems);
    Map<String, Object> params = params(task.get("PARAMETERS"), at, component, problems);
    List<StepSpec> steps = new ArrayList<>();
    if (TRANSCRIBE.equals(component)) {
      // Here transcription reads extracted 16 kHz audio: add the extraction after the download.
      String download = downloadAmong(dependsOn, ids, tasks);
      if (download == null) {
        problems.add(
            new Problem(
                at + ".DEPENDENCIES",
                "a transcription needs a download task among its dependencies"));
      } else {
        String audio = id + "_audio";
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("media", "${steps." + download + ".output.media}");
        steps.add(
            new StepSpec(audio, EXTRACT_AUDIO, media, null, null, null, null, null, null, null));
        params.put("audio", "${steps." + audio + ".output.audio}");
      }
    }
    String priority = OriginalWorkflowMapper.text(task, "PRIORITY");
    if (priority != null && !priority.equalsIgnoreCase("NORMAL")) {
      problems.add(
          new Problem(
              at + ".PRIORITY",
              "not mapped: steps have no priority here; a run's priority is a run option"));
    }
    String onFailure = OriginalWorkflowMapper.text(task, "ON_FAILURE");
    if (onFailure != null
        && !onFailure.equals(StepSpec.FAIL)
        && !onFailure.equals(StepSpec.CONTINUE)) {
      onFailure = ids.getOrDefault(onFailure, onFailure);
    }
    steps.add(
        new StepSpec(
            id,
            component,
            params,
            dependsOn.isEmpty() ? null : dependsOn,
            condition(task.get("CONDITION"), at, problems),
            retry(task.get("RETRY_POLICY"), at, problems),
            seconds(task.get("TIMEOUT"), at + ".TIMEOUT", problems),
            seconds(task.get("DELAY"), at + ".DELAY", problems),
            onFailure,
            null));
    return steps;
  }

  private static String downloadAmong(
      List<String> dependsOn, Map<String, String> ids, JsonNode tasks) {
    for (JsonNode task : tasks) {
      String id = ids.get(OriginalWorkflowMapper.text(task, "TASK_ID"));
      String original = OriginalWorkflowMapper.text(task, "COMPONENT");
      if (id != null
          && dependsOn.contains(id)
          && original != null
          && FETCH.equals(component(original))) {
        return id;
      }
    }
    return null;
  }

  private static List<String> dependencies(
      JsonNode node, String at, Map<String, String> ids, List<Problem> problems) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    List<JsonNode> names = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(names::add);
    } else {
      names.add(node);
    }
    for (int j = 0; j < names.size(); j++) {
      String name = names.get(j).asText();
      String id = ids.get(name);
      if (id == null) {
        String path =
            node.isArray() ? JsonPaths.index(at + ".DEPENDENCIES", j) : at + ".DEPENDENCIES";
        problems.add(new Problem(path, "no task has the TASK_ID '" + name + "'"));
      } else {
        out.add(id);
      }
    }
    return out;
  }

  private static Map<String, Object> params(
      JsonNode node, String at, String component, List<Problem> problems) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return params;
    }
    if (!node.isObject()) {
      problems.add(new Problem(at + ".PARAMETERS", "must be an object"));
      return params;
    }
    Map<String, Object> options = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey().toLowerCase(Locale.ROOT);
      Object value = literal(DefinitionJson.convert(e.getValue(), Object.class));
      if (FETCH.equals(component) && (name.equals("file_url") || name.equals("url"))) {
        params.put("url", value);
      } else if (TRANSCRIBE.equals(component) && !TRANSCRIBE_PARAMS.contains(name)) {
        options.put(name, value);
      } else {
        params.put(name, value);
      }
    }
    if (!options.isEmpty()) {
      params.put("options", options);
    }
    return params;
  }

  /** The original has no references: a literal {@code ${} in its strings stays literal. */
  @SuppressWarnings("unchecked")
  private static Object literal(Object value) {
    if (value instanceof String s) {
      return s.replace("${", "$${");
    } else if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(literal(v)));
      return out;
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, literal(v)));
      return out;
    }
    return value;
  }

  private static String condition(JsonNode node, String at, List<Problem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isObject() && node.has("@IF") && node.get("@IF").isTextual()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String branch = it.next();
        if (!branch.equals("@IF")) {
          problems.add(
              new Problem(
                  JsonPaths.field(at + ".CONDITION", branch),
                  "not mapped: a condition here only decides whether its own step runs; put a condition on the steps of each branch"));
        }
      }
      return node.get("@IF").asText();
    }
    problems.add(
        new Problem(
            at + ".CONDITION",
            "not mapped: expected a condition string or {\"@IF\": \"<condition>\"}"));
    return null;
  }

  private static RetrySpec retry(JsonNode node, String at, List<Problem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(
          new Problem(
              at + ".RETRY_POLICY",
              "must be an object like {\"max_retries\": 3, \"interval\": 5}"));
      return null;
    }
    Integer attempts = null;
    String interval = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = JsonPaths.field(at + ".RETRY_POLICY", e.getKey());
      switch (e.getKey().toLowerCase(Locale.ROOT)) {
        case "max_retries" -> {
          if (e.getValue().canConvertToInt()
              && e.getValue().isIntegralNumber()
              && e.getValue().asInt() >= 0) {
            attempts = e.getValue().asInt() + 1; // retries after the first attempt
          } else {
            problems.add(new Problem(path, "must be a non-negative integer"));
          }
        }
        case "interval" -> interval = seconds(e.getValue(), path, problems);
        default -> problems.add(new Problem(path, "not mapped: only max_retries and interval are"));
      }
    }
    // The original waited a fixed interval between attempts: no back-off.
    return new RetrySpec(attempts, interval, interval == null ? null : 1.0, null, null);
  }

  /** A number of seconds as a duration; {@code null} for absent or 0 (no delay). */
  private static String seconds(JsonNode node, String path, List<Problem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || node.decimalValue().signum() < 0) {
      problems.add(new Problem(path, "must be a non-negative number of seconds"));
      return null;
    }
    BigDecimal millis = node.decimalValue().movePointRight(3);
    if (millis.signum() == 0) {
      return null;
    }
    return Durations.format(java.time.Duration.ofMillis(millis.longValue()));
  }
}
