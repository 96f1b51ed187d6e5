package org.sttplatform.gpu.whisper;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * The whisper_states of one whisper_context: at most {@code size} of them, created on demand and
 * reused (a state is large, and whisper.cpp needs one per concurrent call); callers block until a
 * state is free.
 */
final class WhisperStatePool {
  private final WhisperNative lib;
  private final Pointer ctx;
  private final int size;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Pointer> idleStates = new ConcurrentLinkedDeque<>();
  private final List<Pointer> allStates = Collections.synchronizedList(new ArrayList<>());
  private final Object closeLock = new Object();
  private volatile boolean closed;

  WhisperStatePool(WhisperNative lib, Pointer ctx, int size) {
    this.lib = lib;
    this.ctx = ctx;
    this.size = size;
    this.permits = new Semaphore(size, true);
  }

  /**
   * A state for the caller alone until {@link #release}; waits for one to be free.
   *
   * @throws IllegalStateException the pool is closed, or whisper.cpp cannot create a state
   * @throws CancellationException the thread was interrupted while waiting
   */
  Pointer acquire() {
    if (closed) {
      throw new IllegalStateException("recognizer is closed");
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a whisper state");
    }
    try {
      if (closed) {
        throw new IllegalStateException("recognizer is closed");
      }
      Pointer s = idleStates.pollFirst();
      if (s == null) {
        NativeLog.takeLastError();
        s = lib.whisper_init_state(ctx);
        if (s == null) {
          String why = NativeLog.takeLastError();
          throw new IllegalStateException(
              "whisper_init_state failed" + (why != null ? ": " + why : ""));
        }
        allStates.add(s);
      }
      return s;
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /** Gives back a state from {@link #acquire}. */
  void release(Pointer state) {
    idleStates.addFirst(state);
    permits.release();
  }

  /**
   * Once: waits until every state is released, frees them all, then runs {@code afterStatesFreed}
   * (still under the close lock, so that a concurrent close returns only once all of it is done).
   * Later calls do nothing.
   */
  void close(Runnable afterStatesFreed) {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      permits.acquireUninterruptibly(size);
      for (Pointer s : allStates) {
        lib.whisper_free_state(s);
      }
      allStates.clear();
      idleStates.clear();
      afterStatesFreed.run();
    }
  }
}
