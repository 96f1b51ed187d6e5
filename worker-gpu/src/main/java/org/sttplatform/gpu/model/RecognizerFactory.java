package org.sttplatform.gpu.model;

import java.nio.file.Path;
import org.sttplatform.gpu.whisper.SpeechRecognizer;

/** Loads a speech model from its file. The whisper.cpp binding provides the real one. */
@FunctionalInterface
public interface RecognizerFactory {

  /**
   * Loads the model. Called at most once per model and process by {@link RecognizerPool}.
   *
   * @param modelName canonical model name, e.g. {@code base}
   * @param file the model file, which exists
   * @throws Exception if the file cannot be loaded (corrupt, wrong format, out of memory…)
   */
  SpeechRecognizer load(String modelName, Path file) throws Exception;
}
