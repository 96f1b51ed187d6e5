package org.sttplatform.gpu.fleet;

import io.temporal.worker.tuning.ActivitySlotInfo;
import io.temporal.worker.tuning.SlotMarkUsedContext;
import io.temporal.worker.tuning.SlotPermit;
import io.temporal.worker.tuning.SlotReleaseContext;
import io.temporal.worker.tuning.SlotReserveContext;
import io.temporal.worker.tuning.SlotSupplier;
import io.temporal.worker.tuning.SlotSupplierFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The worker's transcription instances ({@code STT_WHISPER_POOL_SIZE}), shared by its two queues: a
 * slot is busy while it runs a transcription (from either queue) or is set aside by a lease for a
 * transcription on its own queue. A lease's hold lapses after {@link #HOLD} if its transcription
 * never comes (the workflow leased again elsewhere).
 *
 * <p>{@link #sharedQueueSlots()} is the activity slot supplier of the worker on the shared queue:
 * it lets that worker poll only while a slot is free, so a busy worker takes no leases and its
 * waiting transcriptions stay on the shared queue for the others. Thread safe.
 */
public final class FleetSlots implements AutoCloseable {
  /**
   * How long a lease holds its slot for the transcription that follows: the engine's wait on the
   * worker's queue (10 s) and some room for the workflow task in between.
   */
  public static final Duration HOLD = Duration.ofSeconds(20);

  private static final Duration RECHECK = Duration.ofMillis(100);

  private final int capacity;
  private final LongSupplier clock;
  private final Deque<Long> holds = new ArrayDeque<>(); // expiry instants, oldest first
  private final List<CompletableFuture<SlotPermit>> waiting = new ArrayList<>();
  private final ScheduledExecutorService timer;
  private int running;
  private int sharedPermits;
  private boolean stopping;

  public FleetSlots(int capacity) {
    this(capacity, System::currentTimeMillis);
  }

  FleetSlots(int capacity, LongSupplier clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fleet-slots");
              t.setDaemon(true);
              return t;
            });
    // Lapsed holds free slots without any other event: look again now and then.
    timer.scheduleWithFixedDelay(
        this::grantWaiting, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int capacity() {
    return capacity;
  }

  /** Slots running a transcription or held by a lease. */
  public synchronized int busy() {
    dropLapsed();
    return Math.min(capacity, running + holds.size());
  }

  /** Transcriptions running now. */
  public synchronized int running() {
    return running;
  }

  /**
   * The worker is stopping: no more polls of the shared queue and no more leases, so that nothing
   * new is sent to it while it hands its work back.
   */
  public synchronized void stopTakingWork() {
    stopping = true;
  }

  /** Holds a free slot for a leased transcription; {@code false} if none is free. */
  public boolean tryHold() {
    synchronized (this) {
      dropLapsed();
      if (stopping || running + holds.size() >= capacity) {
        return false;
      }
      holds.addLast(clock.getAsLong() + HOLD.toMillis());
    }
    return true;
  }

  /** A transcription starts: it takes a lease's hold if there is one, else a free slot. */
  public void started() {
    synchronized (this) {
      dropLapsed();
      holds.pollFirst();
      running++;
    }
  }

  /** A transcription ended (however). */
  public void ended() {
    synchronized (this) {
      running--;
    }
    grantWaiting();
  }

  private void dropLapsed() {
    long now = clock.getAsLong();
    while (!holds.isEmpty() && holds.peekFirst() <= now) {
      holds.pollFirst();
    }
  }

  private void grantWaiting() {
    List<CompletableFuture<SlotPermit>> granted = new ArrayList<>();
    synchronized (this) {
      dropLapsed();
      Iterator<CompletableFuture<SlotPermit>> it = waiting.iterator();
      // One poll (or lease, or shared-queue transcription) at a time: each takes milliseconds.
      while (it.hasNext() && !stopping && sharedPermits == 0 && running + holds.size() < capacity) {
        CompletableFuture<SlotPermit> next = it.next();
        it.remove();
        if (!next.isDone()) {
          sharedPermits++;
          granted.add(next);
        }
      }
    }
    for (CompletableFuture<SlotPermit> future : granted) {
      if (!future.complete(new SlotPermit())) {
        releaseShared();
      }
    }
  }

  private void releaseShared() {
    synchronized (this) {
      sharedPermits--;
    }
    grantWaiting();
  }

  /** The activity slot supplier of the worker polling the shared queue. */
  public SlotSupplier<ActivitySlotInfo> sharedQueueSlots() {
    return new SlotSupplier<>() {
      @Override
      public SlotSupplierFuture reserveSlot(SlotReserveContext<ActivitySlotInfo> ctx) {
        CompletableFuture<SlotPermit> future = new CompletableFuture<>();
        synchronized (FleetSlots.this) {
          waiting.add(future);
        }
        grantWaiting();
        return SlotSupplierFuture.fromCompletableFuture(
            future,
            () -> {
              synchronized (FleetSlots.this) {
                waiting.remove(future);
              }
              if (!future.cancel(false) && !future.isCompletedExceptionally()) {
                releaseShared(); // granted just before the abort
              }
            });
      }

      @Override
      public Optional<SlotPermit> tryReserveSlot(SlotReserveContext<ActivitySlotInfo> ctx) {
        synchronized (FleetSlots.this) {
          dropLapsed();
          if (stopping || sharedPermits > 0 || running + holds.size() >= capacity) {
            return Optional.empty();
          }
          sharedPermits++;
        }
        return Optional.of(new SlotPermit());
      }

      @Override
      public void markSlotUsed(SlotMarkUsedContext<ActivitySlotInfo> ctx) {}

      @Override
      public void releaseSlot(SlotReleaseContext<ActivitySlotInfo> ctx) {
        releaseShared();
      }

      @Override
      public Optional<Integer> getMaximumSlots() {
        return Optional.of(1);
      }
    };
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
