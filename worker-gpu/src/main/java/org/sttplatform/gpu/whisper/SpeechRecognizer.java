package org.sttplatform.gpu.whisper;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.sttplatform.workflows.model.Transcript;

/**
 * A loaded speech model that turns 16 kHz mono samples into a {@link Transcript}. Implementations
 * are thread-safe up to their own concurrency limit; {@link #close()} frees the model.
 */
public interface SpeechRecognizer extends AutoCloseable {

  /**
   * Recognises speech.
   *
   * @param samples 16 kHz mono samples in [-1, 1]
   * @param settings decode settings
   * @param progress receives the engine's progress in percent (0 to 100), from the engine thread
   * @param aborted polled by the engine; returning {@code true} stops it and this method throws
   *     {@link java.util.concurrent.CancellationException}
   */
  Transcript recognize(
      float[] samples, RecognitionSettings settings, IntConsumer progress, BooleanSupplier aborted);

  /** The model's name, e.g. {@code base} or a file name. */
  String modelName();

  @Override
  void close();
}
