package org.sttplatform.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sttplatform.definitions.ReferenceChecks.Place;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.ParamSpec;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * Reads and validates pipeline definitions, reporting every problem at once with its {@code $}-path
 * (see docs/definitions.md for the list). Stateless and thread-safe.
 */
public final class DefinitionValidator {
  private DefinitionValidator() {}

  /**
   * Reads {@code json} and checks it: JSON syntax (with line and column), the JSON Schema, then the
   * semantic rules against {@code registry}. A semantic problem at a path the schema already
   * reported is left out, so each mistake is reported once. Problems come in document order.
   */
  public static Validation validate(String json, ComponentRegistry registry) {
    JsonNode tree;
    try {
      tree = DefinitionJson.tree(json);
    } catch (DefinitionJson.MalformedJson e) {
      return new Validation(null, List.of(new Problem("$", e.getMessage())));
    }
    List<Problem> problems = new ArrayList<>(SchemaCheck.check(tree));
    PipelineDefinition definition = DefinitionJson.read(tree);
    if (definition == null) {
      if (problems.isEmpty()) {
        problems.add(new Problem("$", "cannot be read as a pipeline definition"));
      }
      DocumentOrder.sort(problems, tree);
      return new Validation(null, problems);
    }
    Set<String> reported = new HashSet<>();
    problems.forEach(p -> reported.add(p.path()));
    for (Problem p : validate(definition, registry)) {
      if (!reported.contains(p.path())) {
        problems.add(p);
      }
    }
    DocumentOrder.sort(problems, tree);
    return new Validation(definition, problems);
  }

  /**
   * The semantic problems of a definition (one written in Java, or read from JSON): components,
   * parameters, references, durations, expressions, the dependency graph, {@code on_failure}, input
   * defaults and outputs. Fields the JSON Schema constrains are checked too where a wrong value
   * would break a run (ids, positive numbers), so Java-built definitions get the same care.
   */
  public static List<Problem> validate(PipelineDefinition definition, ComponentRegistry registry) {
    CheckContext c = new CheckContext(definition, registry);
    if (definition.id() == null || definition.id().isBlank()) {
      c.add("$.id", "required field is missing");
    }
    if (definition.version() != null && definition.version() < 1) {
      c.add("$.version", "must be at least 1");
    }
    inputs(c);
    if (c.steps.isEmpty()) {
      c.add("$.steps", "a pipeline needs at least one step");
    }
    for (int i = 0; i < c.steps.size(); i++) {
      StepChecks.check(c, i);
    }
    GraphChecks.check(c);
    Map<String, Object> outputs = definition.outputs() == null ? Map.of() : definition.outputs();
    outputs.forEach(
        (name, value) ->
            ReferenceChecks.value(c, JsonPaths.field("$.outputs", name), value, -1, Place.OUTPUT));
    return List.copyOf(c.problems);
  }

  /**
   * The problems of a run's inputs: required inputs missing (or null), inputs the definition does
   * not declare, values of the wrong JSON type. Paths are {@code $.inputs.<name>}.
   */
  public static List<Problem> checkInputs(
      PipelineDefinition definition, Map<String, Object> given) {
    return RunInputs.check(definition, given);
  }

  /**
   * The inputs a run sees: every declared input, in declaration order, with the given value or else
   * its default ({@code null} for an optional input without one).
   *
   * @throws IllegalArgumentException if {@link #checkInputs} finds problems
   */
  public static Map<String, Object> effectiveInputs(
      PipelineDefinition definition, Map<String, Object> given) {
    return RunInputs.effective(definition, given);
  }

  private static void inputs(CheckContext c) {
    c.inputs.forEach(
        (name, spec) -> {
          String at = JsonPaths.field("$.inputs", name);
          if (spec == null) {
            c.add(at, "an input must be an object with a type");
            return;
          }
          if (spec.type() == null) {
            c.add(at + ".type", "required field is missing");
          } else if (!ParamSpec.TYPES.contains(spec.type())) {
            c.add(at + ".type", "unknown type '" + spec.type() + "'; one of " + types());
          } else if (spec.defaultValue() != null
              && !JsonTypes.matches(spec.type(), spec.defaultValue())) {
            c.add(
                at + ".default",
                "default "
                    + JsonTypes.of(spec.defaultValue())
                    + " does not match the input's type "
                    + spec.type());
          }
          if (Boolean.TRUE.equals(spec.required()) && spec.defaultValue() != null) {
            c.add(at + ".required", "a required input's default would never be used");
          }
        });
  }

  private static String types() {
    return String.join(
        ", ", List.of("string", "number", "integer", "boolean", "array", "object", "any"));
  }
}
