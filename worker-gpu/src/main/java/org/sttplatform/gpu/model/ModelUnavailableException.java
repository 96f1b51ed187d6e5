package org.sttplatform.gpu.model;

/**
 * A model cannot be found, downloaded or loaded. The message tells an operator what to do: which
 * file to put where and where to get it.
 */
public class ModelUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String model;

  public ModelUnavailableException(String model, String message, Throwable cause) {
    super(message, cause);
    this.model = model;
  }

  /** The model name as requested (canonical when it was valid). */
  public String model() {
    return model;
  }
}
