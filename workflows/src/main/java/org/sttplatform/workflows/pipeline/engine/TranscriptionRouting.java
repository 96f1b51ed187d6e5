package org.sttplatform.workflows.pipeline.engine;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
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
   * Leases a worker and runs {@code activityType} on its queue, again on another worker when it is
   * lost, at most as many leases as {@code options} allows attempts (0: no limit).
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
    int maxLeases =
        options.getRetryOptions() == null ? 0 : options.getRetryOptions().getMaximumAttempts();
    List<String> lost = new ArrayList<>();
    for (int leases = 1; ; leases++) {
      Lease lease =
          Workflow.newUntypedActivityStub(leaseOptions())
              .execute(FleetLeases.LEASE_ACTIVITY, Lease.class, new LeaseRequest(model, lost));
      ActivityOptions routed =
          ActivityOptions.newBuilder(options)
              .setTaskQueue(lease.queue())
              .setScheduleToStartTimeout(ROUTED_START)
              .build();
      try {
        return Workflow.newUntypedActivityStub(routed).execute(activityType, Object.class, input);
      } catch (ActivityFailure failure) {
        if (!(failure.getCause() instanceof TimeoutFailure) || leases == maxLeases) {
          throw failure;
        }
        log.warn(
            "Transcription worker {} was lost ({}); leasing another",
            lease.workerId(),
            Failures.describe(failure));
        lost.add(lease.workerId());
      }
    }
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
