package org.sttplatform.workflows.fleet;

import org.sttplatform.workflows.TaskQueues;

/**
 * Leases for a transcription worker that serves {@code transcribe} on the shared queue only (a
 * worker of your own, or a test's): every lease names {@link TaskQueues#GPU} itself, so the
 * transcription runs on whichever worker polls it next. No affinity and no per-worker capacity: the
 * fleet's {@code worker-gpu} workers do better ({@code FleetLeasesImpl}).
 */
public final class SharedQueueLeases implements FleetLeases {
  private final String workerId;

  public SharedQueueLeases(String workerId) {
    this.workerId = workerId;
  }

  @Override
  public Lease lease(LeaseRequest request) {
    return new Lease(workerId, TaskQueues.GPU);
  }
}
