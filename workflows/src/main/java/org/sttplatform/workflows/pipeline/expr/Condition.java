package org.sttplatform.workflows.pipeline.expr;

import java.util.List;

/**
 * A parsed condition (see {@link Expressions#condition}). Immutable and safe to share; evaluation
 * reads only the scope it is given.
 */
public final class Condition {
  private final String text;
  private final Node root;
  private final List<Reference> references;

  Condition(String text, Node root, List<Reference> references) {
    this.text = text;
    this.root = root;
    this.references = List.copyOf(references);
  }

  /**
   * Evaluates the condition. {@code and} and {@code or} short-circuit, so {@code
   * exists(steps.a.output.x) and steps.a.output.x > 1} never reads a missing field.
   *
   * @throws ExpressionException if a reference (outside {@code exists}) cannot be resolved, an
   *     operand has the wrong type (e.g. {@code 'a' < 1}, {@code not 'x'}), or the result is not a
   *     boolean
   */
  public boolean test(Scope scope) {
    Object result = root.eval(scope);
    if (result instanceof Boolean b) {
      return b;
    }
    throw new ExpressionException(
        "condition '" + text + "' gives " + Values.typeName(result) + ", not a boolean");
  }

  /** The references it reads, in order of appearance (those inside {@code exists} included). */
  public List<Reference> references() {
    return references;
  }

  /** The condition as written. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
