package org.sttplatform.activities.media;

import io.temporal.failure.ApplicationFailure;
import java.util.Objects;
import org.sttplatform.workflows.Failures;

/**
 * A media file that cannot be used, with a message a user can act on. {@link #type()} is one of
 * {@link Failures#BAD_MEDIA} and {@link Failures#NO_AUDIO_STREAM}.
 */
public class MediaProblem extends Exception {

  private static final long serialVersionUID = 1L;

  private final String type;

  public MediaProblem(String type, String message) {
    this(type, message, null);
  }

  public MediaProblem(String type, String message, Throwable cause) {
    super(message, cause);
    this.type = Objects.requireNonNull(type, "type");
  }

  /** The failure type: {@link Failures#BAD_MEDIA} or {@link Failures#NO_AUDIO_STREAM}. */
  public String type() {
    return type;
  }

  /** The same problem as a non-retryable Temporal failure of the same type and message. */
  public ApplicationFailure toFailure() {
    return ApplicationFailure.newNonRetryableFailureWithCause(getMessage(), type, getCause());
  }
}
