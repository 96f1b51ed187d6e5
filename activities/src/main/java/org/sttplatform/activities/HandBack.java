package org.sttplatform.activities;

import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sttplatform.workflows.Failures;

/**
 * A CPU worker's graceful stop as its running activities see it. Once {@link #now} is called, every
 * activity of the worker ends its attempt with {@link Failures#handedBack} at its next heartbeat (a
 * blocked download or probe is cancelled at once), so Temporal runs it again on another worker
 * within seconds ({@link Failures#handedBack}) instead of after the heartbeat timeout or the
 * shutdown grace period.
 */
public final class HandBack {
  private final Set<Heartbeater> blocked = ConcurrentHashMap.newKeySet();
  private volatile ApplicationFailure failure;

  /** Hands back every running activity of this worker; later heartbeats fail the same way. */
  public void now(String worker) {
    ApplicationFailure handedBack = Failures.handedBack(worker);
    failure = handedBack;
    for (Heartbeater heartbeater : blocked) {
      heartbeater.stop(handedBack);
    }
  }

  /** The failure activities end with, or {@code null} while the worker runs. */
  ApplicationFailure failure() {
    return failure;
  }

  /** While registered, {@code heartbeater}'s blocking call is cancelled by {@link #now}. */
  void register(Heartbeater heartbeater) {
    blocked.add(heartbeater);
    ApplicationFailure handedBack = failure;
    if (handedBack != null) {
      heartbeater.stop(handedBack);
    }
  }

  void unregister(Heartbeater heartbeater) {
    blocked.remove(heartbeater);
  }
}
