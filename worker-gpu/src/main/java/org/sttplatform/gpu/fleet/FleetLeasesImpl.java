package org.sttplatform.gpu.fleet;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sttplatform.gpu.model.ModelUnavailableException;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.FleetLeases;
import org.sttplatform.workflows.fleet.Lease;
import org.sttplatform.workflows.fleet.LeaseRequest;
import org.sttplatform.workflows.fleet.WorkerReport;

/**
 * Answers leases on the shared queue. This worker polls it only while it has a free slot ({@link
 * FleetSlots#sharedQueueSlots()}); it then prefers a worker that has the model loaded: itself, or
 * another free worker of the fleet table (its last report fresh) when this one would have to load
 * the model. Otherwise it holds one of its own slots and names its own queue.
 */
public final class FleetLeasesImpl implements FleetLeases {
  private final String workerId;
  private final FleetSlots slots;
  private final RecognizerPool pool;
  private final Supplier<List<WorkerReport>> fleet;
  private final Duration fresh;

  /**
   * @param fleet the fleet table as this worker last read it
   * @param fresh how recent another worker's report must be for it to be sent a transcription
   */
  public FleetLeasesImpl(
      String workerId,
      FleetSlots slots,
      RecognizerPool pool,
      Supplier<List<WorkerReport>> fleet,
      Duration fresh) {
    this.workerId = workerId;
    this.slots = slots;
    this.pool = pool;
    this.fleet = fleet;
    this.fresh = fresh;
  }

  @Override
  public Lease lease(LeaseRequest request) {
    String model;
    try {
      model = pool.store().canonical(request.model());
    } catch (ModelUnavailableException e) {
      model = null; // the transcription itself fails with the model's message
    }
    if (model != null && !pool.loadedModels().contains(model)) {
      Optional<WorkerReport> warm = warmWorker(model, request.avoid());
      if (warm.isPresent()) {
        return new Lease(warm.get().workerId(), warm.get().queue());
      }
    }
    if (!slots.tryHold()) {
      throw ApplicationFailure.newFailure(
          "Worker " + workerId + " has no free transcription slot left", Failures.NO_FREE_SLOT);
    }
    return new Lease(workerId, TaskQueues.gpuHost(workerId));
  }

  /** Another worker with the model loaded and a free slot, the one with most free slots. */
  private Optional<WorkerReport> warmWorker(String model, List<String> avoid) {
    long since = System.currentTimeMillis() - fresh.toMillis();
    return fleet.get().stream()
        .filter(r -> !r.workerId().equals(workerId) && !avoid.contains(r.workerId()))
        .filter(r -> r.reportedAt() >= since && r.free() > 0 && r.queue() != null)
        .filter(r -> r.loadedModels().contains(model))
        .max(Comparator.comparingInt(WorkerReport::free));
  }
}
