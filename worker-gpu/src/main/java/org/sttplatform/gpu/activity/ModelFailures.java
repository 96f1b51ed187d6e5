package org.sttplatform.gpu.activity;

import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.model.ModelUnavailableException;
import org.sttplatform.workflows.Failures;

/**
 * A model (whisper's or the VAD's) that cannot be found, downloaded or loaded, as the transcription
 * activity's failure: retryable {@link Failures#MODEL_DOWNLOAD_FAILED} for a download that failed
 * for a transient reason, non-retryable {@link Failures#MODEL_UNAVAILABLE} otherwise, both with the
 * store's message.
 */
final class ModelFailures {

  // the activity's logger, so that the messages keep the category they have always had
  private static final Logger log = LoggerFactory.getLogger(TranscriptionActivitiesImpl.class);

  private ModelFailures() {}

  /** Logs the task's model failure and returns it as the activity's, to throw. */
  static ApplicationFailure unavailable(long taskId, ModelUnavailableException e) {
    log.warn("Task {}: {}", taskId, e.getMessage());
    return e.isTransient()
        ? ApplicationFailure.newFailureWithCause(e.getMessage(), Failures.MODEL_DOWNLOAD_FAILED, e)
        : ApplicationFailure.newNonRetryableFailureWithCause(
            e.getMessage(), Failures.MODEL_UNAVAILABLE, e);
  }
}
