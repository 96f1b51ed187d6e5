package org.sttplatform.activities.llm;

/**
 * A summary that failed. The message is for users: it never contains an API key (keys are replaced
 * by {@code ***} before it is built).
 */
public final class LlmException extends RuntimeException {
  /** Why it failed. */
  public enum Kind {
    /** No API key is configured or given. */
    NO_API_KEY,
    /** The request cannot succeed as given: nothing to summarise, or a prompt too long. */
    BAD_REQUEST,
    /** The server refused the request with a 4xx (other than 408, 409, 429): it will again. */
    REJECTED,
    /**
     * The server answered 408, 409, 429 or 5xx on every attempt, could not be reached, or gave an
     * answer that is not a chat completion: it may work later.
     */
    UNAVAILABLE
  }

  private final Kind kind;
  private final int status;

  /**
   * @param status the HTTP status the server answered, or 0 if there was none
   */
  public LlmException(Kind kind, int status, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the server's last answer, or 0. */
  public int status() {
    return status;
  }

  /** Whether the same request may succeed later. */
  public boolean retryable() {
    return kind == Kind.UNAVAILABLE;
  }
}
