package org.sttplatform.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.definition.StepSpec;

/**
 * Maps the original service's {@code POST /api/workflow/create_work_flow} body ({@code
 * WORKFLOW_NAME}, {@code TRIGGER_TYPE}, {@code tasks[]} with {@code TASK_ID}, {@code COMPONENT},
 * {@code PARAMETERS}, {@code RETRY_POLICY}, {@code TIMEOUT}, {@code DELAY}, {@code CONDITION},
 * {@code DEPENDENCIES}, {@code PRIORITY}) to a pipeline definition. The original never implemented
 * its components (the files were empty), so their names are matched loosely: case, separators and a
 * {@code Component} suffix are ignored, and common names of the download and transcription
 * components are recognised ({@link OriginalTasks#COMPONENTS}).
 */
public final class OriginalWorkflowMapper {
  private static final Set<String> TRIGGERS = Set.of("MANUAL", "SCHEDULED", "EVENT");
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "WORKFLOW_NAME",
          "DESCRIPTION",
          "TRIGGER_TYPE",
          "CALLBACK_URL",
          "NOTIFY_ON_COMPLETION",
          "tasks");

  private OriginalWorkflowMapper() {}

  /** Maps {@code json}; everything that has no equivalent is a problem, never silently dropped. */
  public static OriginalMapping map(String json) {
    JsonNode root;
    try {
      root = DefinitionJson.tree(json);
    } catch (DefinitionJson.MalformedJson e) {
      return new OriginalMapping(null, null, null, List.of(new Problem("$", e.getMessage())));
    }
    List<Problem> problems = new ArrayList<>();
    if (!root.isObject()) {
      problems.add(new Problem("$", "a workflow must be a JSON object"));
      return new OriginalMapping(null, null, null, problems);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_LEVEL.contains(field)) {
        problems.add(new Problem(JsonPaths.field("$", field), "unknown field '" + field + "'"));
      }
    }
    String name = text(root, "WORKFLOW_NAME");
    String id = name == null ? null : OriginalTasks.sanitize(name, "[^a-z0-9_-]+");
    if (id == null || id.isEmpty()) {
      problems.add(new Problem("$.WORKFLOW_NAME", "required: the pipeline id is made from it"));
    }
    String trigger = text(root, "TRIGGER_TYPE");
    if (trigger == null) {
      trigger = "MANUAL";
    } else if (!TRIGGERS.contains(trigger.toUpperCase(java.util.Locale.ROOT))) {
      problems.add(
          new Problem(
              "$.TRIGGER_TYPE", "'" + trigger + "' is not one of MANUAL, SCHEDULED, EVENT"));
    } else {
      trigger = trigger.toUpperCase(java.util.Locale.ROOT);
    }
    JsonNode notify = root.get("NOTIFY_ON_COMPLETION");
    if (notify != null && !notify.isNull()) {
      problems.add(
          new Problem(
              "$.NOTIFY_ON_COMPLETION",
              "not mapped: add an "
                  + BuiltInComponents.HTTP_REQUEST
                  + " step at the end of the pipeline to notify"));
    }
    List<StepSpec> steps = new ArrayList<>();
    JsonNode tasks = root.get("tasks");
    if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
      problems.add(new Problem("$.tasks", "required: a non-empty array of tasks"));
    } else {
      Map<String, String> ids = new HashMap<>();
      for (int i = 0; i < tasks.size(); i++) {
        OriginalTasks.registerId(tasks.get(i), i, ids, problems);
      }
      for (int i = 0; i < tasks.size(); i++) {
        steps.addAll(OriginalTasks.map(tasks.get(i), i, ids, tasks, problems));
      }
    }
    String description = text(root, "DESCRIPTION");
    PipelineDefinition definition =
        new PipelineDefinition(
            id, 1, description, new LinkedHashMap<>(), steps, new LinkedHashMap<>());
    return new OriginalMapping(definition, trigger, text(root, "CALLBACK_URL"), problems);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
