package org.sttplatform.workflows.pipeline.engine;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.FleetLeases;
import org.sttplatform.workflows.fleet.Lease;
import org.sttplatform.workflows.fleet.LeaseRequest;

/**
 * How the engine runs a transcription on the fleet (docs/components.md, "Routing of transcribe"): a
 * short {@code fleet.lease} on the shared queue is answered by a worker with a free instance (one
 * with the model loaded is preferred), then the component's activity runs on that worker's own
 * queue with a short schedule-to-start timeout beside its heartbeats. When the worker is lost (its
 * queue is not polled in time, or it stopped heartbeating and its retry found no poller), the step
 * leases again, avoiding it, and runs on another worker.
 *
 * <p>Runs started before this routing existed replay the single activity on the shared queue
 * ({@link #VERSION_CHANGE}).
 */
public final class TranscriptionRouting {
  /** The {@code Workflow.getVersion} change id of the fleet routing. */
  public static final String VERSION_CHANGE = "fleet-routing";

  /**
   * How long a leased transcription may wait on its worker's queue: a live worker polls it at once
   * (it set an instance aside), so a longer wait means the worker is gone.
   */
  public static final Duration ROUTED_START = Duration.ofSeconds(10);

  private static final Logger log = Workflow.getLogger(TranscriptionRouting.class);

  private TranscriptionRouting() {}

  /**
   * Leases a worker and runs {@code activityType} on its queue, again (leased anew) on the attempts
   * {@code options}' retry policy allows.
   *
   * @param options the component's options with the step's overrides (their queue is the shared
   *     one)
   * @param input the activity's input; its {@code model} chooses the preferred workers
   */
  public static Object execute(
      ActivityOptions options, String activityType, Map<String, Object> input) {
    int version = Workflow.getVersion(VERSION_CHANGE, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return Workflow.newUntypedActivityStub(options).execute(activityType, Object.class, input);
    }
    String model = input.get("model") instanceof String m ? m : null;
    RetryOptions retry =
        options.getRetryOptions() == null
            ? RetryOptions.newBuilder().build()
            : options.getRetryOptions();
    // Each attempt is one lease and one activity on the leased worker's queue: a retry there would
    // wait for a worker that may be gone, so the attempts are counted here instead.
    ActivityOptions once =
        ActivityOptions.newBuilder(options)
            .setScheduleToStartTimeout(ROUTED_START)
            .setRetryOptions(RetryOptions.newBuilder(retry).setMaximumAttempts(1).build())
            .build();
    List<String> lost = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      Lease lease =
          Workflow.newUntypedActivityStub(leaseOptions())
              .execute(FleetLeases.LEASE_ACTIVITY, Lease.class, new LeaseRequest(model, lost));
      ActivityOptions routed = ActivityOptions.newBuilder(once).setTaskQueue(lease.queue()).build();
      try {
        return Workflow.newUntypedActivityStub(routed).execute(activityType, Object.class, input);
      } catch (ActivityFailure failure) {
        Duration backoff = nextAttempt(failure, retry, attempt);
        if (backoff == null) {
          throw failure;
        }
        if (failure.getCause() instanceof TimeoutFailure) {
          lost.add(lease.workerId()); // its queue went unpolled or its heartbeats stopped
        }
        log.warn(
            "Transcription attempt {} on worker {} failed ({}); leasing again",
            attempt,
            lease.workerId(),
            Failures.describe(failure));
        if (!backoff.isZero()) {
          Workflow.sleep(backoff);
        }
      }
    }
  }

  /**
   * How long to wait before the next attempt, or {@code null} if there is none: the retry policy's
   * attempts, non-retryable types and back-off, as Temporal would apply them (a failure's own
   * next-retry delay first, as a stopping worker's hand-back sets). A lost worker (a timeout) is
   * left at once.
   */
  static Duration nextAttempt(ActivityFailure failure, RetryOptions retry, int attempt) {
    if (retry.getMaximumAttempts() > 0 && attempt >= retry.getMaximumAttempts()) {
      return null;
    }
    if (failure.getCause() instanceof TimeoutFailure) {
      return Duration.ZERO;
    }
    if (!(failure.getCause() instanceof ApplicationFailure app)) {
      return null; // cancelled, or terminated
    }
    if (app.isNonRetryable()
        || (retry.getDoNotRetry() != null
            && Arrays.asList(retry.getDoNotRetry()).contains(app.getType()))) {
      return null;
    }
    if (app.getNextRetryDelay() != null) {
      // A worker handing its attempt back while stopping: by then its polls are closed.
      return app.getNextRetryDelay();
    }
    Duration initial =
        retry.getInitialInterval() == null ? Duration.ofSeconds(1) : retry.getInitialInterval();
    double coefficient = retry.getBackoffCoefficient() > 0 ? retry.getBackoffCoefficient() : 2.0;
    double millis = initial.toMillis() * Math.pow(coefficient, attempt - 1);
    Duration max =
        retry.getMaximumInterval() == null ? initial.multipliedBy(100) : retry.getMaximumInterval();
    return Duration.ofMillis((long) Math.min(millis, max.toMillis()));
  }

  /**
   * The lease waits on the shared queue for as long as every worker is busy (that is the queue of
   * transcriptions, in priority order); once taken it answers in milliseconds. A worker that finds
   * its last instance taken meanwhile fails it ({@link Failures#NO_FREE_SLOT}) and it is soon
   * offered again.
   */
  static ActivityOptions leaseOptions() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.GPU)
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(200))
                .setBackoffCoefficient(1.5)
                .setMaximumInterval(Duration.ofSeconds(2))
                .build())
        .build();
  }
}
