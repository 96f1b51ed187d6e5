package org.sttplatform.gpu.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Each model is loaded once per process, lazily on first use (downloading it first through the
 * {@link ModelStore} if needed), and kept until {@link #close()}. A failed load is not cached: the
 * next request tries again (e.g. after an operator put the file in place). At most {@code size}
 * leases are out at a time, across all models. Thread safe.
 */
public final class RecognizerPool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RecognizerPool.class);

  private final ModelStore store;
  private final RecognizerFactory factory;
  private final int size;
  private final Semaphore permits;
  private final ConcurrentHashMap<String, CompletableFuture<SpeechRecognizer>> models =
      new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param store where model files come from
   * @param factory loads a model file
   * @param size how many transcriptions may run at once
   */
  public RecognizerPool(ModelStore store, RecognizerFactory factory, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, was " + size);
    }
    this.store = store;
    this.factory = factory;
    this.size = size;
    this.permits = new Semaphore(size, true);
  }

  public ModelStore store() {
    return store;
  }

  /** How many transcriptions may run at once. */
  public int size() {
    return size;
  }

  /** Names of the models loaded so far. */
  public List<String> loadedModels() {
    List<String> loaded = new ArrayList<>();
    models.forEach(
        (name, future) -> {
          if (future.isDone() && !future.isCompletedExceptionally()) {
            loaded.add(name);
          }
        });
    return loaded;
  }

  /**
   * Loads the model if needed, then waits for a free slot.
   *
   * @param name model name, or {@code null} for the default model
   * @param listener observes a download, if one is needed
   * @return a lease to close when the transcription is done
   * @throws ModelUnavailableException if the model cannot be found, downloaded or loaded
   * @throws InterruptedException if interrupted while waiting
   */
  public Lease acquire(String name, DownloadListener listener)
      throws ModelUnavailableException, InterruptedException {
    SpeechRecognizer recognizer = load(name, listener);
    permits.acquire();
    if (closed.get()) {
      permits.release();
      throw new IllegalStateException("the recognizer pool is closed");
    }
    return new Lease(recognizer, permits);
  }

  /**
   * The loaded model, loading it on first use. Concurrent first uses load it once.
   *
   * @throws ModelUnavailableException if the model cannot be found, downloaded or loaded
   */
  public SpeechRecognizer load(String name, DownloadListener listener)
      throws ModelUnavailableException, InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException("the recognizer pool is closed");
    }
    String model = store.canonical(name);
    CompletableFuture<SpeechRecognizer> mine = new CompletableFuture<>();
    CompletableFuture<SpeechRecognizer> existing = models.putIfAbsent(model, mine);
    if (existing != null) {
      try {
        return existing.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ModelUnavailableException failed) {
          throw new ModelUnavailableException(
              model, failed.getMessage(), failed.getCause(), failed.isTransient());
        }
        throw new IllegalStateException("loading model '" + model + "' failed", e.getCause());
      }
    }
    try {
      Path file = store.resolve(model, listener);
      SpeechRecognizer recognizer = loadFile(model, file);
      mine.complete(recognizer);
      if (closed.get()) {
        // close() ran while we loaded and did not see this model.
        models.remove(model, mine);
        recognizer.close();
        throw new IllegalStateException("the recognizer pool is closed");
      }
      return recognizer;
    } catch (Throwable e) {
      mine.completeExceptionally(e);
      models.remove(model, mine);
      throw e;
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
   * engine must not lose its model). If they do not come back, the models are left to the process's
   * exit.
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
          "Transcriptions still running after {} s; not freeing the models under them",
          waitForLeases.toSeconds());
      return;
    }
    for (String model : List.copyOf(models.keySet())) {
      CompletableFuture<SpeechRecognizer> future = models.remove(model);
      if (future != null && future.isDone() && !future.isCompletedExceptionally()) {
        SpeechRecognizer recognizer = future.join();
        try {
          recognizer.close();
          log.info("Freed model '{}'", model);
        } catch (RuntimeException e) {
          log.warn("Freeing model '{}' failed", model, e);
        }
      }
    }
  }

  /** One transcription's hold on a model; closing it frees the slot, not the model. */
  public static final class Lease implements AutoCloseable {
    private final SpeechRecognizer recognizer;
    private final Semaphore permits;
    private final AtomicBoolean released = new AtomicBoolean();

    Lease(SpeechRecognizer recognizer, Semaphore permits) {
      this.recognizer = recognizer;
      this.permits = permits;
    }

    public SpeechRecognizer recognizer() {
      return recognizer;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    }
  }
}
