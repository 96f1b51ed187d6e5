package org.sttplatform.gpu.activity;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats one activity execution with its progress as an {@code Integer} percentage.
 *
 * <p>A changed percentage is sent at once; the same one at most every {@code minInterval}. A
 * keep-alive task re-sends the last value every {@code keepAlive}, so the activity stays alive and
 * learns about cancellation while the engine is silent (model download and load, long windows).
 * Temporal delivers cancellation as an {@link ActivityCompletionException} thrown by {@code
 * heartbeat}; it is kept, {@link #stopRequested()} turns true, and no further heartbeats are sent.
 * Thread safe: called from the activity thread, the engine thread and the keep-alive task.
 */
final class Heartbeats implements AutoCloseable {

  private final ActivityExecutionContext context;
  private final long minIntervalNanos;
  private final ScheduledFuture<?> keepAliveTask;

  private int lastPercent = -1;
  private long lastSent;
  private volatile RuntimeException stop;

  Heartbeats(
      ActivityExecutionContext context,
      ScheduledExecutorService scheduler,
      Duration keepAlive,
      Duration minInterval) {
    this.context = context;
    this.minIntervalNanos = minInterval.toNanos();
    long period = Math.max(1, keepAlive.toMillis());
    this.keepAliveTask =
        scheduler.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
  }

  /** Reports the engine's progress (clamped to 0..100). */
  void progress(int percent) {
    send(Math.max(0, Math.min(100, percent)), false);
  }

  /** Re-sends the last progress, rate-limited (e.g. from a download listener). */
  void keepAlive() {
    send(Math.max(0, lastPercentSnapshot()), false);
  }

  /**
   * Whether Temporal asked the activity to stop (cancelled, paused, reset, worker shutdown…) or the
   * worker handed it back.
   */
  boolean stopRequested() {
    return stop != null;
  }

  /**
   * Stops the activity with {@code reason} (the worker hands its work back): {@link
   * #stopRequested()} turns true, so the engine aborts, and {@link #throwIfStopRequested()} throws
   * {@code reason}. No effect if Temporal already asked to stop.
   */
  synchronized void stop(RuntimeException reason) {
    if (stop == null) {
      stop = reason;
    }
  }

  /**
   * For the engine's abort check, polled at least once per window: re-sends the last progress
   * (rate-limited to once per {@code minInterval}) so that a cancellation reaches this activity
   * while the engine's percentage stands still, then says whether Temporal asked to stop. Without
   * it a stop would be seen only at the next changed percentage or keep-alive.
   */
  boolean pollStopRequested() {
    keepAlive();
    return stopRequested();
  }

  /** Throws what Temporal or the worker asked to stop with, if either did. */
  void throwIfStopRequested() {
    RuntimeException e = stop;
    if (e != null) {
      throw e;
    }
  }

  private synchronized int lastPercentSnapshot() {
    return lastPercent;
  }

  private void send(int percent, boolean force) {
    if (stop != null) {
      return;
    }
    synchronized (this) {
      long now = System.nanoTime();
      if (!force && percent == lastPercent && now - lastSent < minIntervalNanos) {
        return;
      }
      lastPercent = Math.max(lastPercent, percent);
      lastSent = now;
      try {
        context.heartbeat(lastPercent);
      } catch (ActivityCompletionException e) {
        stop = e;
      }
    }
  }

  @Override
  public void close() {
    keepAliveTask.cancel(false);
  }
}
