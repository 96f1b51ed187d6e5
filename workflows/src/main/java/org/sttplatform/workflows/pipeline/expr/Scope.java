package org.sttplatform.workflows.pipeline.expr;

import java.util.Map;

/**
 * What references can read while a step's parameters or condition are evaluated. Values are what
 * Jackson produces when it reads JSON into {@code Object}: {@code Map}, {@code List}, {@code
 * String}, {@code Integer}/{@code Long}/{@code Double}/{@code BigDecimal}, {@code Boolean}, {@code
 * null}.
 *
 * @param inputs the run's effective inputs (defaults applied) by name; {@code null} means none
 * @param steps by step id: a map with {@code "status"} ({@code completed}, {@code failed} or {@code
 *     skipped}) and {@code "output"} (the step's output; absent or {@code null} if it has none).
 *     Only steps that have ended are in it. {@code null} means none
 * @param item the current element inside a {@code for_each} step
 * @param index the current element's position (from 0) inside a {@code for_each} step; {@code null}
 *     outside one, which is how {@code item} and {@code index} know they are undefined
 */
public record Scope(
    Map<String, Object> inputs, Map<String, Object> steps, Object item, Integer index) {

  public Scope {
    inputs = inputs == null ? Map.of() : inputs;
    steps = steps == null ? Map.of() : steps;
  }

  /** A scope with inputs only. */
  public static Scope ofInputs(Map<String, Object> inputs) {
    return new Scope(inputs, Map.of(), null, null);
  }

  /** This scope inside a {@code for_each}, at element {@code index}. */
  public Scope withItem(Object item, int index) {
    return new Scope(inputs, steps, item, index);
  }
}
