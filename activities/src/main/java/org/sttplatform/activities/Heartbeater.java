package org.sttplatform.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;

/**
 * Heartbeats of the current activity, throttled to one per interval. Outside an activity (a class
 * called directly, e.g. from the API) it does nothing. Must be created and used on the activity's
 * thread; {@link #beat} throws {@link io.temporal.client.ActivityCompletionException} when the
 * activity was cancelled or timed out, which callers let propagate after cleaning up.
 */
final class Heartbeater {

  private final ActivityExecutionContext context;
  private final long intervalNanos;
  private long lastBeat;
  private boolean beaten;

  private Heartbeater(ActivityExecutionContext context, Duration interval) {
    this.context = context;
    this.intervalNanos = interval.toNanos();
  }

  /** For the activity running on this thread, or a no-op one outside activities. */
  static Heartbeater current(Duration interval) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException notInActivity) {
      context = null;
    }
    return new Heartbeater(context, interval);
  }

  /** Whether heartbeats reach an activity. */
  boolean active() {
    return context != null;
  }

  /** Heartbeats {@code details} if the interval has passed since the last heartbeat. */
  void maybeBeat(Object details) {
    long now = System.nanoTime();
    if (!beaten || now - lastBeat >= intervalNanos) {
      beat(details);
    }
  }

  /** Heartbeats {@code details} now. */
  void beat(Object details) {
    lastBeat = System.nanoTime();
    beaten = true;
    if (context != null) {
      context.heartbeat(details);
    }
  }
}
