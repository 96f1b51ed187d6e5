package org.sttplatform.gpu.whisper;

import java.io.IOException;
import java.io.UncheckedIOException;
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

  /**
   * Recognises speech read from {@code audio} window by window. Same contract as {@link
   * #recognize(float[], RecognitionSettings, IntConsumer, BooleanSupplier)}; an implementation that
   * streams keeps its memory bounded whatever the audio's length. This default reads all samples
   * into one array (for implementations that do not stream, such as test doubles).
   *
   * @throws java.io.UncheckedIOException if the audio cannot be read
   */
  default Transcript recognize(
      AudioSource audio,
      RecognitionSettings settings,
      IntConsumer progress,
      BooleanSupplier aborted) {
    if (audio.sampleCount() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("audio too long: " + audio.sampleCount() + " samples");
    }
    float[] samples = new float[(int) audio.sampleCount()];
    try {
      audio.read(0, samples, 0, samples.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return recognize(samples, settings, progress, aborted);
  }

  /**
   * As {@link #recognize(AudioSource, RecognitionSettings, IntConsumer, BooleanSupplier)}, and
   * hands each segment to {@code segments} once it is final, while the rest is still being decoded
   * (see {@link SegmentListener}). This default, for implementations that cannot do better (test
   * doubles), hands them all over once the recognition has ended.
   *
   * @param segments receives the segments; {@code null} for none
   */
  default Transcript recognize(
      AudioSource audio,
      RecognitionSettings settings,
      IntConsumer progress,
      BooleanSupplier aborted,
      SegmentListener segments) {
    Transcript t = recognize(audio, settings, progress, aborted);
    if (segments != null && t.segments() != null) {
      t.segments().forEach(segments::onSegment);
    }
    return t;
  }

  /** The model's name, e.g. {@code base} or a file name. */
  String modelName();

  @Override
  void close();
}
