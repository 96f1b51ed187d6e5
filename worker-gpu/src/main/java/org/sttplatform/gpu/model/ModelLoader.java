package org.sttplatform.gpu.model;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.whisper.SpeechRecognizer;

/**
 * Loads a model file into a recognizer for a {@link RecognizerPool} through its {@link
 * RecognizerFactory}, logging the time it took; a failure becomes a {@link
 * ModelUnavailableException} that tells the operator what to do. Holds no lock.
 */
final class ModelLoader {

  // the pool's logger, so that the messages keep the category they have always had
  private static final Logger log = LoggerFactory.getLogger(RecognizerPool.class);

  private final ModelStore store;
  private final RecognizerFactory factory;

  /**
   * @param store where the model files come from (for the download address in a failure)
   * @param factory loads a model file
   */
  ModelLoader(ModelStore store, RecognizerFactory factory) {
    this.store = store;
    this.factory = factory;
  }

  SpeechRecognizer load(String model, Path file) throws ModelUnavailableException {
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
}
