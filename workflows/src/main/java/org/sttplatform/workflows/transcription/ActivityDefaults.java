package org.sttplatform.workflows.transcription;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;

/**
 * Timeouts and retries per activity group, kept in one place.
 *
 * <p>Long activities are {@link ActivityCancellationType#ABANDON abandoned} when their task is
 * deleted: the workflow cleans up and closes at once, and the worker learns from its next heartbeat
 * that the workflow is gone and stops its work. Requesting cancellation instead would also work on
 * a cluster, but the embedded test server rejects cancel requests for running activities ({@code
 * ACTIVITY_UNKNOWN}) and the workflow would never close.
 */
public final class ActivityDefaults {

  private static final String[] PERMANENT = {
    Failures.BAD_MEDIA,
    Failures.NO_AUDIO_STREAM,
    Failures.BAD_URL,
    Failures.MEDIA_TOO_LARGE,
    Failures.MODEL_UNAVAILABLE,
    Failures.TASK_GONE,
    Failures.INVALID_OPTIONS,
    Failures.TRANSCRIPT_UNREADABLE,
    Failures.LLM_REJECTED,
    Failures.POST_UNAVAILABLE,
    Failures.CRAWLER_NOT_CONFIGURED
  };

  /**
   * Workers send heartbeats at most this often ({@code
   * WorkerOptions.maxHeartbeatThrottleInterval}), and every long activity heartbeats at least this
   * often, from a timer thread while its work blocks. The SDK would otherwise wait up to a minute;
   * heartbeats carry the progress users see and tell a worker that its task was deleted.
   */
  public static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(2);

  /**
   * How long a long activity may go without a heartbeat before Temporal takes its worker for dead
   * and starts the next attempt elsewhere: five heartbeat intervals, so a loaded machine's late
   * beat is no false alarm, while a killed worker's task is running again within about {@link
   * #HEARTBEAT_TIMEOUT} + {@link #RETRY_AFTER_LOST_WORKER}.
   */
  public static final Duration HEARTBEAT_TIMEOUT = HEARTBEAT_THROTTLE.multipliedBy(5);

  /**
   * First retry interval of the long activities. A retry is most often a lost worker (killed, or
   * stopped and handing its work back), and waiting longer only delays the task.
   */
  public static final Duration RETRY_AFTER_LOST_WORKER = Duration.ofSeconds(1);

  /**
   * The longest a task may run. Long activities are bounded by it too, not by a guess of media
   * length: while they heartbeat they are alive, however long the file.
   */
  public static final Duration LONGEST_RUN = Duration.ofDays(7);

  private ActivityDefaults() {}

  /**
   * Downloads: long, heartbeating, retried with back-off because networks blip; a bad URL or a 4xx
   * is permanent.
   */
  public static ActivityOptions fetch() {
    return longRunning(TaskQueues.CPU, retry(5, RETRY_AFTER_LOST_WORKER, Duration.ofMinutes(1)));
  }

  /** Probe and audio extraction: heartbeating while ffmpeg runs; a bad file is permanent. */
  public static ActivityOptions media() {
    return longRunning(TaskQueues.CPU, retry(5, RETRY_AFTER_LOST_WORKER, Duration.ofSeconds(30)));
  }

  /**
   * Transcription: heartbeats engine progress (and keep-alives while a model loads or downloads),
   * so a dead worker is noticed within {@link #HEARTBEAT_TIMEOUT} and the attempt moves to another
   * worker. A missing model is permanent.
   */
  public static ActivityOptions transcribe() {
    return longRunning(TaskQueues.GPU, retry(5, RETRY_AFTER_LOST_WORKER, Duration.ofMinutes(1)));
  }

  /**
   * HTTP requests of pipelines ({@code http_request}): short, retried on network errors and 5xx.
   */
  public static ActivityOptions httpRequest() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CPU)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(retry(3, RETRY_AFTER_LOST_WORKER, Duration.ofSeconds(30)))
        .build();
  }

  /**
   * Subtitle files of a pipeline ({@code subtitles}): seconds even for hours of speech, so no
   * heartbeat; a lost worker's attempt is retried after the two-minute limit.
   */
  public static ActivityOptions subtitles() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CPU)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(retry(3, RETRY_AFTER_LOST_WORKER, Duration.ofSeconds(30)))
        .build();
  }

  /**
   * LLM summaries ({@code summarize}): heartbeating while the server answers (a long transcript is
   * several requests); the client retries each request itself, so an attempt that still fails is
   * retried only twice more, after a longer pause.
   */
  public static ActivityOptions summarize() {
    return longRunning(TaskQueues.CPU, retry(3, Duration.ofSeconds(10), Duration.ofMinutes(2)));
  }

  private static ActivityOptions longRunning(String taskQueue, RetryOptions retry) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(LONGEST_RUN)
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setCancellationType(ActivityCancellationType.ABANDON)
        .setRetryOptions(retry)
        .build();
  }

  /** Task-store writes: short, and retried long enough to ride out a database restart. */
  public static ActivityOptions store() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.STORE)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        // Writes that are not awaited may still be in flight when the task is deleted: a cancel
        // request for one that has just finished is refused by the embedded server
        // (ACTIVITY_UNKNOWN) and would fail every workflow task of the run, so it would never
        // close. The writes are idempotent and ignored for a deleted row: let them be.
        .setCancellationType(ActivityCancellationType.ABANDON)
        .setRetryOptions(retry(30, Duration.ofSeconds(1), Duration.ofSeconds(30)))
        .build();
  }

  /**
   * Callback deliveries ({@code callback}, on the store queue: the body is the task row): each
   * attempt is one POST (10 s connect and read timeouts); a failed attempt is retried with
   * exponential back-off (1 s, 2 s, 4 s… at most {@link #CALLBACK_MAX_INTERVAL} apart), {@link
   * #CALLBACK_STEP_ATTEMPTS} attempts in all for a pipeline step. The delivery workflow lifts that
   * limit and bounds the attempts by its retry window instead. A URL the SSRF guard refuses, a
   * deleted task or one without a callback URL is not retried.
   */
  public static ActivityOptions callback() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.STORE)
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setMaximumAttempts(CALLBACK_STEP_ATTEMPTS)
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(CALLBACK_MAX_INTERVAL)
                .setDoNotRetry(Failures.BAD_URL, Failures.TASK_GONE, Failures.CALLBACK_NOT_SENDABLE)
                .build())
        .build();
  }

  /** Attempts of a {@code callback} step of a pipeline (about 17 minutes of back-off). */
  public static final int CALLBACK_STEP_ATTEMPTS = 10;

  /** The longest pause between two attempts of a callback delivery. */
  public static final Duration CALLBACK_MAX_INTERVAL = Duration.ofMinutes(10);

  /** How long a callback delivery is retried by default ({@code STT_CALLBACK_RETRY_WINDOW}). */
  public static final Duration CALLBACK_RETRY_WINDOW = Duration.ofHours(24);

  private static RetryOptions retry(int attempts, Duration initial, Duration max) {
    return RetryOptions.newBuilder()
        .setMaximumAttempts(attempts)
        .setInitialInterval(initial)
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(max)
        .setDoNotRetry(PERMANENT)
        .build();
  }
}
