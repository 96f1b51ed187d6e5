package org.sttplatform.gpu.whisper;

import java.io.IOException;
import java.util.Objects;

/**
 * 16 kHz mono audio read in windows, so that a long file never has to be held in memory as one
 * sample array. Positions are sample indexes; samples are floats in [-1, 1].
 */
public interface AudioSource {

  /** Number of samples. */
  long sampleCount();

  /**
   * Copies {@code length} samples starting at sample {@code from} into {@code into[offset…]}.
   *
   * @throws IndexOutOfBoundsException if the range is outside the audio or the array
   * @throws IOException if the underlying file cannot be read
   */
  void read(long from, float[] into, int offset, int length) throws IOException;

  /** An in-memory source over {@code samples} (not copied). */
  static AudioSource of(float[] samples) {
    Objects.requireNonNull(samples, "samples");
    return new AudioSource() {
      @Override
      public long sampleCount() {
        return samples.length;
      }

      @Override
      public void read(long from, float[] into, int offset, int length) {
        Objects.checkFromIndexSize(from, length, samples.length);
        System.arraycopy(samples, (int) from, into, offset, length);
      }
    };
  }
}
