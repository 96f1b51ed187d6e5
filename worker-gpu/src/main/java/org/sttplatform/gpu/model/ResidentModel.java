package org.sttplatform.gpu.model;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.whisper.SpeechRecognizer;

/**
 * A resident (or loading) model of a {@link RecognizerPool}: its recognizer once loaded, how many
 * acquires hold it and when it was last used. Its counters are guarded by the pool's lock.
 */
final class ResidentModel {

  // the pool's logger, so that the messages keep the category they have always had
  private static final Logger log = LoggerFactory.getLogger(RecognizerPool.class);

  final String model;
  final CompletableFuture<SpeechRecognizer> future = new CompletableFuture<>();

  /** Acquires holding this model: leases out plus acquires still loading or waiting a slot. */
  int holds;

  /** Value of the pool's clock when the model was last taken or given back. */
  long lastUsed;

  ResidentModel(String model) {
    this.model = model;
  }

  boolean loaded() {
    return future.isDone() && !future.isCompletedExceptionally();
  }

  /**
   * Closes the recognizer, if it was loaded. Only for a model already removed from the pool and
   * held by nobody; call without the pool's lock.
   */
  void free() {
    if (!loaded()) {
      return;
    }
    try {
      future.join().close();
      log.info("Freed model '{}'", model);
    } catch (RuntimeException e) {
      log.warn("Freeing model '{}' failed", model, e);
    }
  }
}
