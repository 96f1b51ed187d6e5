package org.sttplatform.workflows.fleet;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Served by every transcription worker on the shared queue ({@code TaskQueues.GPU}), and polled
 * only while the worker has a free instance: the worker that takes a lease sets an instance aside
 * for the transcription and names its own queue, or, when it has not the model loaded and another
 * free worker has, names that worker's.
 */
@ActivityInterface
public interface FleetLeases {
  /** The activity type, for the engine's untyped stub. */
  String LEASE_ACTIVITY = "fleet.lease";

  @ActivityMethod(name = LEASE_ACTIVITY)
  Lease lease(LeaseRequest request);
}
