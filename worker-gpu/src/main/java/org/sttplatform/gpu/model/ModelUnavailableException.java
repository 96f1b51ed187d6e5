package org.sttplatform.gpu.model;

/**
 * A model cannot be found, downloaded or loaded. The message tells an operator what to do: which
 * file to put where and where to get it.
 *
 * <p>{@link #isTransient()} tells a failure that may go away by itself (the mirror answered 5xx,
 * 408 or 429, the connection timed out or was reset during a download) from one that will not
 * without an operator (404, checksum mismatch, downloads disabled, a file that is not a model).
 */
public class ModelUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String model;
  private final boolean transientFailure;

  /** A permanent failure. */
  public ModelUnavailableException(String model, String message, Throwable cause) {
    this(model, message, cause, false);
  }

  /**
   * @param transientFailure whether trying again later may succeed without anyone doing anything
   */
  public ModelUnavailableException(
      String model, String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.model = model;
    this.transientFailure = transientFailure;
  }

  /** The model name as requested (canonical when it was valid). */
  public String model() {
    return model;
  }

  /** Whether trying again later may succeed (a temporary network or mirror problem). */
  public boolean isTransient() {
    return transientFailure;
  }
}
