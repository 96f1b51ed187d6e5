package org.sttplatform.workflows.pipeline.component;

/**
 * One parameter of a component.
 *
 * @param type the JSON type a value must have after references are resolved: {@code string}, {@code
 *     number}, {@code integer}, {@code boolean}, {@code array}, {@code object} or {@code any}
 * @param required whether a step must give it (a parameter with a default never is)
 * @param defaultValue the value when a step gives none, or {@code null}
 * @param description what it means, for documentation and error messages
 */
public record ParamSpec(String type, boolean required, Object defaultValue, String description) {

  /** The JSON types a parameter can have. */
  public static final java.util.Set<String> TYPES =
      java.util.Set.of("string", "number", "integer", "boolean", "array", "object", "any");

  public ParamSpec {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown parameter type '" + type + "'; one of " + TYPES);
    }
  }

  /** A required parameter. */
  public static ParamSpec required(String type, String description) {
    return new ParamSpec(type, true, null, description);
  }

  /** An optional parameter; {@code defaultValue} may be {@code null}. */
  public static ParamSpec optional(String type, Object defaultValue, String description) {
    return new ParamSpec(type, false, defaultValue, description);
  }
}
