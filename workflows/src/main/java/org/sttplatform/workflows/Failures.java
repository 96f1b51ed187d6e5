package org.sttplatform.workflows;

import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * Stable {@code ApplicationFailure} types. Activities raise most of them as non-retryable failures
 * (the exception is {@link #WORKER_STOPPING}); the workflow and the API map them to messages users
 * can act on.
 */
public final class Failures {
  /** The media is unreadable, corrupt or not a media file. */
  public static final String BAD_MEDIA = "BadMedia";

  /** The media has no audio stream. */
  public static final String NO_AUDIO_STREAM = "NoAudioStream";

  /** The media URL is malformed, not allowed or answered with a client error (4xx). */
  public static final String BAD_URL = "BadUrl";

  /** The media is larger than the configured limit. */
  public static final String MEDIA_TOO_LARGE = "MediaTooLarge";

  /** The whisper model cannot be found, downloaded or loaded. */
  public static final String MODEL_UNAVAILABLE = "ModelUnavailable";

  /** The task was deleted while it ran. */
  public static final String TASK_GONE = "TaskGone";

  /**
   * Retryable: the worker running the activity is stopping and handed the attempt back, to be run
   * again within seconds by another (or the restarted) worker. See {@link #handedBack}.
   */
  public static final String WORKER_STOPPING = "WorkerStopping";

  /**
   * How soon a handed-back attempt runs again, whatever the retry policy's back-off (the attempt
   * did not fail). Not sooner: the stopping worker must have closed its polls by then, or it would
   * take the attempt back itself. The SDK closes them once the worker's heartbeat executor is idle,
   * which takes up to one heartbeat throttle interval after the last activity ended.
   */
  static final Duration HANDED_BACK_RETRY_DELAY =
      ActivityDefaults.HEARTBEAT_THROTTLE.plusSeconds(1);

  /**
   * The failure an activity ends with when its worker stops gracefully: retryable {@link
   * #WORKER_STOPPING}, retried after {@link #HANDED_BACK_RETRY_DELAY} whatever the retry policy's
   * back-off.
   *
   * @param worker which worker stops, for the attempt's failure message
   */
  public static ApplicationFailure handedBack(String worker) {
    return ApplicationFailure.newBuilder()
        .setType(WORKER_STOPPING)
        .setMessage(worker + " is stopping; the attempt was handed back to run on another worker")
        .setNextRetryDelay(HANDED_BACK_RETRY_DELAY)
        // Expected, not an error: the SDK logs it at DEBUG instead of a WARN with a stack trace.
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  private Failures() {}
}
