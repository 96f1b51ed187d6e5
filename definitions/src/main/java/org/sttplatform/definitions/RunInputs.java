package org.sttplatform.definitions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttplatform.workflows.pipeline.definition.InputSpec;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/** A run's inputs against the definition's declarations. */
final class RunInputs {
  private RunInputs() {}

  static List<Problem> check(PipelineDefinition d, Map<String, Object> given) {
    Map<String, InputSpec> declared = d.inputs() == null ? Map.of() : d.inputs();
    Map<String, Object> values = given == null ? Map.of() : given;
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, InputSpec> e : declared.entrySet()) {
      String name = e.getKey();
      InputSpec spec = e.getValue();
      String path = JsonPaths.field("$.inputs", name);
      Object value = values.get(name);
      if (value == null) {
        if (spec.mandatory()) {
          problems.add(
              new Problem(path, "missing required input '" + name + "' (" + spec.type() + ")"));
        }
      } else if (spec.type() != null && !JsonTypes.matches(spec.type(), value)) {
        problems.add(
            new Problem(
                path,
                "input '" + name + "' must be " + spec.type() + ", got " + JsonTypes.of(value)));
      }
    }
    for (String name : values.keySet()) {
      if (!declared.containsKey(name)) {
        problems.add(
            new Problem(
                JsonPaths.field("$.inputs", name),
                "unknown input '"
                    + name
                    + "'; pipeline '"
                    + d.id()
                    + "' declares: "
                    + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet()))));
      }
    }
    return problems;
  }

  static Map<String, Object> effective(PipelineDefinition d, Map<String, Object> given) {
    List<Problem> problems = check(d, given);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid inputs: " + problems);
    }
    Map<String, Object> values = given == null ? Map.of() : given;
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, InputSpec> declared = d.inputs() == null ? Map.of() : d.inputs();
    // Every declared input gets a key, null for an optional one without a default, so that
    // ${inputs.x} resolves (to null) and exists(inputs.x) is false.
    declared.forEach(
        (name, spec) -> {
          Object value = values.get(name);
          out.put(name, value != null ? value : spec.defaultValue());
        });
    return out;
  }
}
