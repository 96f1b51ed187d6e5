package org.sttplatform.gpu.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
  private final RecognizerFactory factory;
  private final int size;
  private final int maxLoaded;
  private final Semaphore permits;

  /** Guards {@link #models}, every {@link Entry}'s counters and {@link #clock}. */
  private final Object lock = new Object();

  private final Map<String, Entry> models = new HashMap<>();
  private long clock;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A resident (or loading) model. Its counters are guarded by the pool's lock. */
  private static final class Entry {
    final String model;
    final CompletableFuture<SpeechRecognizer> future = new CompletableFuture<>();

    /** Acquires holding this model: leases out plus acquires still loading or waiting a slot. */
    int holds;

    /** Value of the pool's clock when the model was last taken or given back. */
    long lastUsed;

    Entry(String model) {
      this.model = model;
    }

    boolean loaded() {
      return future.isDone() && !future.isCompletedExceptionally();
    }
  }

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
    this.factory = factory;
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
    Entry entry = hold(model, listener);
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
  private Entry hold(String model, DownloadListener listener)
      throws ModelUnavailableException, InterruptedException {
    Entry entry = holdResident(model);
    if (entry == null) {
      // Every caller waits for the file itself: the store shares one download between them, and
      // what a caller's listener throws (a cancelled activity) ends that caller's wait only.
      Path file = store.resolve(model, listener);
      boolean loader;
      List<Entry> unloaded;
      synchronized (lock) {
        entry = models.get(model);
        loader = entry == null;
        if (loader) {
          // Make room first: the memory must be free before the new model takes its own.
          unloaded = evictIdle(maxLoaded - 1, model);
          entry = new Entry(model);
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
  private Entry holdResident(String model) {
    synchronized (lock) {
      Entry entry = models.get(model);
      if (entry != null) {
        entry.holds++;
        entry.lastUsed = ++clock;
      }
      return entry;
    }
  }

  /** Loads the file into the entry, or removes the entry so that the next request tries again. */
  private void load(Entry entry, Path file) throws ModelUnavailableException {
    try {
      entry.future.complete(loadFile(entry.model, file));
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
  private void awaitLoaded(Entry entry) throws ModelUnavailableException, InterruptedException {
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
  private void release(Entry entry) {
    List<Entry> unloaded;
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
        unloaded = evictIdle(maxLoaded, null);
      }
    }
    free(unloaded);
  }

  /**
   * Removes idle models, least recently used first, until at most {@code keep} are resident or
   * every resident one is held. Caller holds the lock.
   *
   * @param forModel the model being made room for, for the log, or {@code null}
   */
  private List<Entry> evictIdle(int keep, String forModel) {
    List<Entry> unloaded = new ArrayList<>();
    while (models.size() > keep) {
      Entry lru = null;
      for (Entry candidate : models.values()) {
        if (candidate.holds == 0 && (lru == null || candidate.lastUsed < lru.lastUsed)) {
          lru = candidate;
        }
      }
      if (lru == null) {
        if (forModel != null) {
          log.info(
              "All {} loaded models are in use; loading '{}' anyway, above the limit of {}",
              models.size(),
              forModel,
              maxLoaded);
        }
        break;
      }
      models.remove(lru.model);
      unloaded.add(lru);
      if (forModel != null) {
        log.info(
            "Unloading model '{}' (least recently used) to make room for '{}'",
            lru.model,
            forModel);
      } else {
        log.info(
            "Unloading model '{}' (least recently used): {} models loaded, limit {}",
            lru.model,
            models.size() + 1,
            maxLoaded);
      }
    }
    return unloaded;
  }

  /** Closes models already removed from the map and held by nobody. Call without the lock. */
  private static void free(List<Entry> entries) {
    for (Entry entry : entries) {
      if (!entry.loaded()) {
        continue;
      }
      try {
        entry.future.join().close();
        log.info("Freed model '{}'", entry.model);
      } catch (RuntimeException e) {
        log.warn("Freeing model '{}' failed", entry.model, e);
      }
    }
  }

  private SpeechRecognizer loadFile(String model, Path file) throws ModelUnavailableException {
    long started = System.nanoTime();
    log.info("Loading model '{}' from {}", model, file);
    SpeechRecognizer recognizer;
    try {
      recognizer = factory.load(model, file);
    } catch (Exception | LinkageError | OutOfMemoryError e) {
      throw new ModelUnavailableException(
          model,
          "Model '"
              + model
              + "' could not be loaded from "
              + file
              + ": "
              + ModelStore.describe(e)
              + "; replace the file (get it from "
              + store.downloadUrl(model)
              + ") or check the whisper.cpp library",
          e);
    }
    if (recognizer == null) {
      throw new ModelUnavailableException(
          model,
          "Model '" + model + "' could not be loaded from " + file + ": no recognizer",
          null);
    }
    log.info(
        "Loaded model '{}' in {} s",
        model,
        String.format(Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9));
    return recognizer;
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
    List<Entry> unloaded = new ArrayList<>();
    synchronized (lock) {
      for (Entry entry : List.copyOf(models.values())) {
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
    private final Entry entry;
    private final SpeechRecognizer recognizer;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(RecognizerPool pool, Entry entry, SpeechRecognizer recognizer) {
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
