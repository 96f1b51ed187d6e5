package org.sttplatform.gpu.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.whisper.SpeechRecognizer;

/**
 * Keeps loaded models and bounds concurrent transcriptions.
 *
 * <p>Each model is loaded lazily on first use (downloading it first through the {@link ModelStore}
 * if needed); concurrent first uses load it once. A failed load is not cached: the next request
 * tries again (e.g. after an operator put the file in place). While a model is being downloaded,
 * every caller waits for the store's shared download with its own {@link DownloadListener}; what
 * the listener throws (a cancelled activity's heartbeat) ends that caller's {@link #acquire} only.
 * At most {@code size} leases are out at a time, across all models.
 *
 * <p>At most {@code maxLoaded} models stay resident. When another model must be loaded, the least
 * recently used model that no lease holds is freed first. If every resident model is held, the new
 * one is loaded anyway and the excess is freed as soon as a model becomes idle. A model is never
 * freed while a lease (or an {@link #acquire} still waiting for a slot) holds it. Thread safe.
 */
public final class RecognizerPool implements AutoCloseable {

  /** Resident models when the constructor is not told otherwise. */
  public static final int DEFAULT_MAX_LOADED = 2;

  private static final Logger log = LoggerFactory.getLogger(RecognizerPool.class);

  private final ModelStore store;
  private final ModelLoader modelLoader;
  private final int size;
  private final int maxLoaded;
  private final Semaphore permits;

  /** Guards {@link #models}, every {@link ResidentModel}'s counters and {@link #clock}. */
  private final Object lock = new Object();

  private final Map<String, ResidentModel> models = new HashMap<>();
  private long clock;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A pool keeping at most {@value #DEFAULT_MAX_LOADED} models loaded.
   *
   * @param store where model files come from
   * @param factory loads a model file
   * @param size how many transcriptions may run at once
   */
  public RecognizerPool(ModelStore store, RecognizerFactory factory, int size) {
    this(store, factory, size, DEFAULT_MAX_LOADED);
  }

  /**
   * @param store where model files come from
   * @param factory loads a model file
   * @param size how many transcriptions may run at once
   * @param maxLoaded how many models may stay loaded (exceeded only while all of them are in use)
   */
  public RecognizerPool(ModelStore store, RecognizerFactory factory, int size, int maxLoaded) {
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, was " + size);
    }
    if (maxLoaded < 1) {
      throw new IllegalArgumentException(
          "the number of loaded models must be at least 1, was " + maxLoaded);
    }
    this.store = store;
    this.modelLoader = new ModelLoader(store, factory);
    this.size = size;
    this.maxLoaded = maxLoaded;
    this.permits = new Semaphore(size, true);
  }

  public ModelStore store() {
    return store;
  }

  /** How many transcriptions may run at once. */
  public int size() {
    return size;
  }

  /** How many models may stay loaded (exceeded only while all of them are in use). */
  public int maxLoaded() {
    return maxLoaded;
  }

  /** Names of the models loaded now. */
  public List<String> loadedModels() {
    synchronized (lock) {
      List<String> loaded = new ArrayList<>();
      models.forEach(
          (name, entry) -> {
            if (entry.loaded()) {
              loaded.add(name);
            }
          });
      return loaded;
    }
  }

  /**
   * Loads the model if needed, then waits for a free slot. The model stays loaded until the lease
   * is closed.
   *
   * @param name model name, or {@code null} for the default model
   * @param listener observes a download, if one is needed
   * @return a lease to close when the transcription is done
   * @throws ModelUnavailableException if the model cannot be found, downloaded or loaded
   * @throws InterruptedException if interrupted while waiting
   */
  public Lease acquire(String name, DownloadListener listener)
      throws ModelUnavailableException, InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException("the recognizer pool is closed");
    }
    String model = store.canonical(name);
    ResidentModel entry = hold(model, listener);
    SpeechRecognizer recognizer = entry.future.join(); // hold() returns a loaded entry
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      release(entry);
      throw e;
    }
    if (closed.get()) {
      permits.release();
      release(entry);
      throw new IllegalStateException("the recognizer pool is closed");
    }
    return new Lease(this, entry, recognizer);
  }

  /**
   * The model's entry, loaded, with one more hold on it; loads the model if it is not resident.
   * Concurrent first uses load it once. On failure no hold is left behind.
   */
  private ResidentModel hold(String model, DownloadListener listener)
      throws ModelUnavailableException, InterruptedException {
    ResidentModel entry = holdResident(model);
    if (entry == null) {
      // Every caller waits for the file itself: the store shares one download between them, and
      // what a caller's listener throws (a cancelled activity) ends that caller's wait only.
      Path file = store.resolve(model, listener);
      boolean loader;
      List<ResidentModel> unloaded;
      synchronized (lock) {
        entry = models.get(model);
        loader = entry == null;
        if (loader) {
          // Make room first: the memory must be free before the new model takes its own.
          unloaded = LruEviction.evictIdle(models, maxLoaded - 1, maxLoaded, model);
          entry = new ResidentModel(model);
          models.put(model, entry);
        } else {
          unloaded = List.of();
        }
        entry.holds++;
        entry.lastUsed = ++clock;
      }
      free(unloaded);
      if (loader) {
        load(entry, file);
        return entry;
      }
    }
    awaitLoaded(entry);
    return entry;
  }

  /** The resident (or loading) entry of the model with one more hold on it, or {@code null}. */
  private ResidentModel holdResident(String model) {
    synchronized (lock) {
      ResidentModel entry = models.get(model);
      if (entry != null) {
        entry.holds++;
        entry.lastUsed = ++clock;
      }
      return entry;
    }
  }

  /** Loads the file into the entry, or removes the entry so that the next request tries again. */
  private void load(ResidentModel entry, Path file) throws ModelUnavailableException {
    try {
      entry.future.complete(modelLoader.load(entry.model, file));
    } catch (ModelUnavailableException | RuntimeException | Error e) {
      synchronized (lock) {
        models.remove(entry.model, entry);
        entry.holds--;
      }
      // Waiters see the failure and drop their holds.
      entry.future.completeExceptionally(e);
      throw e;
    }
  }

  /** Waits for another caller's load of the entry; drops this caller's hold if it fails. */
  private void awaitLoaded(ResidentModel entry)
      throws ModelUnavailableException, InterruptedException {
    try {
      entry.future.get();
    } catch (InterruptedException | RuntimeException | Error e) {
      release(entry);
      throw e;
    } catch (ExecutionException e) {
      release(entry);
      if (e.getCause() instanceof ModelUnavailableException failed) {
        throw new ModelUnavailableException(
            entry.model, failed.getMessage(), failed.getCause(), failed.isTransient());
      }
      throw new IllegalStateException("loading model '" + entry.model + "' failed", e.getCause());
    }
  }

  /** Drops one hold; frees the model if it is now idle and over the limit, or the pool closed. */
  private void release(ResidentModel entry) {
    List<ResidentModel> unloaded;
    synchronized (lock) {
      entry.holds--;
      entry.lastUsed = ++clock;
      if (entry.holds > 0 || models.get(entry.model) != entry) {
        return;
      }
      if (closed.get()) {
        models.remove(entry.model);
        unloaded = List.of(entry);
      } else {
        unloaded = LruEviction.evictIdle(models, maxLoaded, maxLoaded, null);
      }
    }
    free(unloaded);
  }

  /** Closes models already removed from the map and held by nobody. Call without the lock. */
  private static void free(List<ResidentModel> entries) {
    for (ResidentModel entry : entries) {
      entry.free();
    }
  }

  /**
   * Frees every loaded model, after waiting up to 30 seconds for the leases still out (a running
   * engine must not lose its model). A model still held after the wait is freed when its last lease
   * is closed.
   */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /** {@link #close()} with a chosen wait for the leases still out. */
  public void close(Duration waitForLeases) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean idle;
    try {
      idle = permits.tryAcquire(size, waitForLeases.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      idle = false;
    }
    if (!idle) {
      log.warn(
          "Transcriptions still running after {} s; freeing their models when they end",
          waitForLeases.toSeconds());
    }
    List<ResidentModel> unloaded = new ArrayList<>();
    synchronized (lock) {
      for (ResidentModel entry : List.copyOf(models.values())) {
        // Held ones (a lease still out, or an acquire loading or about to fail on the closed pool)
        // are freed by their last release.
        if (entry.holds == 0) {
          models.remove(entry.model);
          unloaded.add(entry);
        }
      }
    }
    free(unloaded);
    if (idle) {
      // Wake acquires waiting for a slot: they see the pool closed and let go of their models.
      permits.release(size);
    }
  }

  /**
   * One transcription's hold on a model; closing it frees the slot, and the model if it is over the
   * limit of loaded models and no one else holds it. The recognizer stays valid until then.
   */
  public static final class Lease implements AutoCloseable {
    private final RecognizerPool pool;
    private final ResidentModel entry;
    private final SpeechRecognizer recognizer;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(RecognizerPool pool, ResidentModel entry, SpeechRecognizer recognizer) {
      this.pool = pool;
      this.entry = entry;
      this.recognizer = recognizer;
    }

    public SpeechRecognizer recognizer() {
      return recognizer;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        pool.release(entry);
        pool.permits.release();
      }
    }
  }
}
