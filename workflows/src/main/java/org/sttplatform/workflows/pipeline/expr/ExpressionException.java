package org.sttplatform.workflows.pipeline.expr;

/**
 * A malformed expression (thrown when it is parsed, with the 0-based position of the problem in its
 * text) or one that cannot be evaluated (a missing reference, a type error).
 */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final int position;

  /**
   * @param reason what is wrong, without the position
   * @param position 0-based offset in the expression text, or -1 if none applies
   */
  public ExpressionException(String reason, int position) {
    super(position >= 0 ? reason + " (at position " + position + ")" : reason);
    this.reason = reason;
    this.position = position;
  }

  /** An evaluation error that has no position. */
  public ExpressionException(String reason) {
    this(reason, -1);
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }

  /** The 0-based offset of the problem in the expression text, or -1. */
  public int position() {
    return position;
  }
}
