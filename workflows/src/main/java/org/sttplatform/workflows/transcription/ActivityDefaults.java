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
    Failures.TASK_GONE
  };

  /**
   * Workers send heartbeats at most this often ({@code
   * WorkerOptions.maxHeartbeatThrottleInterval}). The SDK would otherwise wait up to a minute, and
   * heartbeats carry the progress users see and tell a worker that its task was deleted.
   */
  public static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(2);

  private ActivityDefaults() {}

  /**
   * Downloads: long, heartbeating, retried with back-off because networks blip; a bad URL or a 4xx
   * is permanent.
   */
  public static ActivityOptions fetch() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CPU)
        .setStartToCloseTimeout(Duration.ofHours(2))
        .setHeartbeatTimeout(Duration.ofMinutes(1))
        .setCancellationType(ActivityCancellationType.ABANDON)
        .setRetryOptions(retry(5, Duration.ofSeconds(2), Duration.ofMinutes(1)))
        .build();
  }

  /** Probe and audio extraction: bounded by media length; a bad file is permanent. */
  public static ActivityOptions media() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CPU)
        .setStartToCloseTimeout(Duration.ofHours(1))
        .setHeartbeatTimeout(Duration.ofMinutes(1))
        .setCancellationType(ActivityCancellationType.ABANDON)
        .setRetryOptions(retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30)))
        .build();
  }

  /**
   * Transcription: long, heartbeats engine progress, so a dead worker is noticed within the
   * heartbeat timeout and the attempt moves to another worker. A missing model is permanent.
   */
  public static ActivityOptions transcribe() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.GPU)
        .setStartToCloseTimeout(Duration.ofHours(6))
        // Loading a large model or downloading it heartbeats too, so this only has to cover the
        // gap between two engine callbacks on the slowest supported hardware.
        .setHeartbeatTimeout(Duration.ofMinutes(2))
        .setCancellationType(ActivityCancellationType.ABANDON)
        .setRetryOptions(retry(3, Duration.ofSeconds(5), Duration.ofMinutes(1)))
        .build();
  }

  /** Task-store writes: short, and retried long enough to ride out a database restart. */
  public static ActivityOptions store() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.STORE)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(retry(30, Duration.ofSeconds(1), Duration.ofSeconds(30)))
        .build();
  }

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
