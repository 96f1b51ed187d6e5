package org.sttplatform.workflows.pipeline.expr;

import java.util.List;

/**
 * A reference such as {@code steps.fetch.output.items[0].url}.
 *
 * @param text the reference as written, without {@code ${ }}
 * @param root {@code inputs}, {@code steps}, {@code item} or {@code index}
 * @param path the segments after the root: field names, and list indexes as decimal strings (field
 *     names cannot start with a digit, so the two never clash). For {@code steps} the first segment
 *     is the step id and the second {@code output} or {@code status}; for {@code inputs} the first
 *     is the input name
 */
public record Reference(String text, String root, List<String> path) {
  public static final String INPUTS = "inputs";
  public static final String STEPS = "steps";
  public static final String ITEM = "item";
  public static final String INDEX = "index";

  public Reference {
    path = List.copyOf(path);
  }

  /** The step this reference reads, or {@code null} if it does not read a step. */
  public String stepId() {
    return STEPS.equals(root) ? path.get(0) : null;
  }

  /** The input this reference reads, or {@code null} if it does not read an input. */
  public String inputName() {
    return INPUTS.equals(root) ? path.get(0) : null;
  }

  /** {@code true} for {@code item...} and {@code index}, which only exist inside a for_each. */
  public boolean needsForEach() {
    return ITEM.equals(root) || INDEX.equals(root);
  }

  /** {@code ${text}}, as it is written in a parameter. */
  @Override
  public String toString() {
    return "${" + text + "}";
  }
}
