package org.sttplatform.gpu.model;

import java.nio.file.Path;
import org.sttplatform.gpu.whisper.SpeechRecognizer;

/** Loads a speech model from its file. The whisper.cpp binding provides the real one. */
@FunctionalInterface
public interface RecognizerFactory {

  /**
   * Loads the model. {@link RecognizerPool} calls it once per model while that model stays loaded,
   * and again if it freed the model (least recently used) and the model is needed again.
   *
   * @param modelName canonical model name, e.g. {@code base}
   * @param file the model file, which exists
   * @throws Exception if the file cannot be loaded (corrupt, wrong format, out of memory…)
   */
  SpeechRecognizer load(String modelName, Path file) throws Exception;
}
