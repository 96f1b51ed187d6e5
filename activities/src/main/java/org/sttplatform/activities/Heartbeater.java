package org.sttplatform.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats of the current activity, throttled to one per interval. Outside an activity (a class
 * called directly, e.g. from the API) it does nothing. Must be created on the activity's thread;
 * {@link #beat} throws {@link io.temporal.client.ActivityCompletionException} when the activity was
 * cancelled or timed out, and the worker's {@link HandBack} failure once it stops; callers let both
 * propagate after cleaning up.
 *
 * <p>While the activity thread blocks in a call that cannot heartbeat (DNS, connect, waiting for
 * response headers, a stalled read, ffprobe), {@link #keepAlive} repeats the last details from a
 * timer thread, so the heartbeat timeout does not start a second attempt next to a live one.
 */
final class Heartbeater {

  private static final Logger log = LoggerFactory.getLogger(Heartbeater.class);

  /** One daemon thread for every activity's keep-alive heartbeats: each is a quick call. */
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "activity-heartbeat-timer");
            t.setDaemon(true);
            return t;
          });

  private final ActivityExecutionContext context;
  private final long intervalNanos;
  private final HandBack handBack;
  private long lastBeat;
  private boolean beaten;
  private Object lastDetails;
  private volatile RuntimeException stopped;
  private volatile Runnable onStop = () -> {};

  private Heartbeater(ActivityExecutionContext context, Duration interval, HandBack handBack) {
    this.context = context;
    this.intervalNanos = interval.toNanos();
    this.handBack = handBack;
  }

  /**
   * For the activity running on this thread, or a no-op one outside activities.
   *
   * @param handBack the worker's graceful stop: once it starts, heartbeats fail the attempt with
   *     its failure
   */
  static Heartbeater current(Duration interval, HandBack handBack) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException notInActivity) {
      context = null;
    }
    return new Heartbeater(context, interval, handBack);
  }

  /** Whether heartbeats reach an activity. */
  boolean active() {
    return context != null;
  }

  /**
   * Heartbeats {@code details} if the interval has passed since the last heartbeat; else keeps them
   * for the next keep-alive heartbeat.
   */
  synchronized void maybeBeat(Object details) {
    lastDetails = details;
    long now = System.nanoTime();
    if (!beaten || now - lastBeat >= intervalNanos) {
      beat(details);
    }
  }

  /**
   * Heartbeats {@code details} now.
   *
   * @throws io.temporal.client.ActivityCompletionException if the activity was cancelled or timed
   *     out
   * @throws io.temporal.failure.ApplicationFailure {@link
   *     org.sttplatform.workflows.Failures#WORKER_STOPPING} once the worker hands its work back
   */
  synchronized void beat(Object details) {
    lastBeat = System.nanoTime();
    beaten = true;
    lastDetails = details;
    if (context != null) {
      RuntimeException handedBack = handBack.failure();
      if (handedBack != null) {
        throw handedBack;
      }
      context.heartbeat(details);
    }
  }

  /** Ends the blocking call: {@code reason} is what {@link #throwIfStopped} throws. */
  void stop(RuntimeException reason) {
    if (stopped != null) {
      return;
    }
    stopped = reason;
    try {
      onStop.run();
    } catch (RuntimeException stopFailed) {
      log.warn("Stopping after {} failed: {}", reason.toString(), stopFailed.toString());
    }
  }

  /**
   * Until the returned handle is closed, heartbeats the last details from a timer thread whenever
   * no heartbeat went out for an interval. If such a heartbeat learns that the activity was
   * cancelled or timed out, {@code onStop} runs (on the timer thread; e.g. it cancels the blocking
   * call) and {@link #throwIfStopped} rethrows the exception on the activity thread.
   */
  KeepAlive keepAlive(Runnable onStop) {
    if (context == null) {
      return () -> {};
    }
    this.onStop = onStop;
    long period = Math.max(1, intervalNanos);
    ScheduledFuture<?> task =
        TIMER.scheduleWithFixedDelay(
            () -> {
              try {
                synchronized (this) {
                  if (!beaten || System.nanoTime() - lastBeat >= intervalNanos) {
                    beat(lastDetails);
                  }
                }
              } catch (ActivityCompletionException | ApplicationFailure e) {
                stop(e);
                throw e; // ends this schedule
              } catch (RuntimeException e) {
                log.warn("Keep-alive heartbeat failed: {}", e.toString());
              }
            },
            period,
            period,
            TimeUnit.NANOSECONDS);
    // A graceful stop of the worker cancels the blocking call at once, not at the next beat.
    handBack.register(this);
    return () -> {
      handBack.unregister(this);
      task.cancel(false);
    };
  }

  /**
   * Rethrows the cancellation or timeout that a keep-alive heartbeat learnt of, or the worker's
   * hand-back, if any.
   */
  void throwIfStopped() {
    RuntimeException e = stopped;
    if (e != null) {
      throw e;
    }
  }

  /** Stops keep-alive heartbeats; never throws. */
  interface KeepAlive extends AutoCloseable {
    @Override
    void close();
  }
}
