package org.sttplatform.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * Every {@code ApplicationFailure} type the platform raises, in one place. Non-retryable types end
 * a step at once (the same input fails the same way on every attempt; they are in the retry
 * policies' do-not-retry lists of {@code ActivityDefaults}); retryable ones are retried with
 * back-off on any worker. The workflows and the API map them to messages users can act on.
 */
public final class Failures {
  // Non-retryable: the input is at fault.

  /** Non-retryable: the media is unreadable, corrupt or not a media file. */
  public static final String BAD_MEDIA = "BadMedia";

  /** Non-retryable: the media has no audio stream (or an empty one). */
  public static final String NO_AUDIO_STREAM = "NoAudioStream";

  /** Non-retryable: the URL is malformed, not allowed (SSRF guard) or answered a client error. */
  public static final String BAD_URL = "BadUrl";

  /** Non-retryable: the media is larger or longer than the configured limits. */
  public static final String MEDIA_TOO_LARGE = "MediaTooLarge";

  /** Non-retryable: the whisper model cannot be found, downloaded (for good) or loaded. */
  public static final String MODEL_UNAVAILABLE = "ModelUnavailable";

  /** Non-retryable: the task was deleted while it ran. */
  public static final String TASK_GONE = "TaskGone";

  /**
   * Non-retryable: decode options the engine cannot honour (clip timestamps that select no audio, a
   * language the model does not know…).
   */
  public static final String INVALID_OPTIONS = "InvalidOptions";

  /** Non-retryable: a transcript file that is missing or not a transcript when it is stored. */
  public static final String TRANSCRIPT_UNREADABLE = "TranscriptUnreadable";

  /**
   * Non-retryable: a summary that cannot be made as asked: no LLM API key configured ({@code
   * STT_LLM_API_KEY}), no text, a prompt that does not fit the model's context, or a 4xx answer of
   * the LLM server other than 408, 409 and 429 (a bad key, an unknown model).
   */
  public static final String LLM_REJECTED = "LlmRejected";

  /** Non-retryable, of the seed workflow: its task failed; the message is the user's. */
  public static final String TASK_FAILED = "TaskFailed";

  /** Non-retryable, of the pipeline workflow: a step failed; the message names it. */
  public static final String RUN_FAILED = "RunFailed";

  /**
   * Non-retryable: a Douyin or TikTok post cannot be read: private, removed, region-blocked, or
   * behind a login wall.
   */
  public static final String POST_UNAVAILABLE = "PostUnavailable";

  /**
   * Non-retryable: reading a post or an account needs a setting the operator has not made (e.g. the
   * Douyin web cookie {@code STT_DOUYIN_COOKIE}); the message names it.
   */
  public static final String CRAWLER_NOT_CONFIGURED = "CrawlerNotConfigured";

  // Retryable: the machine, the network or a peer is at fault, and may not be next time.

  /** Retryable: a download failed on a network error, a timeout, 408, 429 or 5xx. */
  public static final String FETCH_FAILED = "FetchFailed";

  /**
   * Retryable: a callback delivery got no 2xx answer (3xx, 4xx, 5xx) or no answer at all; retried
   * with back-off until the retry window ({@code STT_CALLBACK_RETRY_WINDOW}) closes.
   */
  public static final String CALLBACK_FAILED = "CallbackFailed";

  /**
   * Non-retryable: a callback cannot be sent at all (the task has no callback URL or is not
   * finished). A URL the SSRF guard refuses is {@link #BAD_URL}.
   */
  public static final String CALLBACK_NOT_SENDABLE = "CallbackNotSendable";

  /** Retryable: an {@code http_request} failed on a network error, 408, 429 or 5xx. */
  public static final String REQUEST_FAILED = "RequestFailed";

  /**
   * Retryable: the LLM server answered 408, 409, 429 or 5xx, or could not be reached, on every
   * attempt of the client's own retries.
   */
  public static final String LLM_FAILED = "LlmFailed";

  /**
   * Retryable: a platform page or API did not answer usefully (network error, 5xx, a challenge or
   * rate-limit page, an empty answer, a layout the crawler does not know).
   */
  public static final String CRAWL_FAILED = "CrawlFailed";

  /**
   * Retryable: a model download failed for a reason that may pass (mirror 5xx, 408 or 429, a
   * timeout or a reset connection), unlike {@link #MODEL_UNAVAILABLE}.
   */
  public static final String MODEL_DOWNLOAD_FAILED = "ModelDownloadFailed";

  /**
   * Retryable: the audio file is missing on this transcription worker (another one may see the
   * shared data directory).
   */
  public static final String AUDIO_MISSING = "AudioMissing";

  /** Retryable: the speech engine stopped without being asked to. */
  public static final String ENGINE_ABORTED = "EngineAborted";

  /** Retryable: a working folder could not be created (disk full, permissions). */
  public static final String WORK_DIR_FAILED = "WorkDirFailed";

  /** Retryable: a working folder could not be deleted. */
  public static final String CLEAN_UP_FAILED = "CleanUpFailed";

  /**
   * Retryable: the worker running the activity is stopping and handed the attempt back, to be run
   * again within seconds by another (or the restarted) worker. See {@link #handedBack}.
   */
  public static final String WORKER_STOPPING = "WorkerStopping";

  /**
   * Retryable: the transcription worker that took a {@code fleet.lease} had no free instance left
   * by the time it ran it (another lease or transcription took it); the lease goes back to the
   * shared queue for another worker.
   */
  public static final String NO_FREE_SLOT = "NoFreeTranscriptionSlot";

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

  /** The message a user sees for a failed activity: its own, or what timed out. */
  public static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    String activity = failure.getActivityType();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return activity + " timed out (" + timeout.getTimeoutType() + ")";
    }
    if (cause instanceof TemporalFailure temporal) {
      return activity + " failed: " + temporal.getOriginalMessage();
    }
    return activity + " failed: " + failure.getMessage();
  }
}
