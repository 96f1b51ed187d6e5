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

  /**
   * The samples of {@code source} from {@code from} (inclusive) to {@code to} (exclusive), clamped
   * to the audio, as a source of their own: its sample 0 is {@code source}'s sample {@code from}.
   */
  static AudioSource window(AudioSource source, long from, long to) {
    Objects.requireNonNull(source, "source");
    long start = Math.max(0, Math.min(from, source.sampleCount()));
    long count = Math.max(0, Math.min(to, source.sampleCount()) - start);
    return new AudioSource() {
      @Override
      public long sampleCount() {
        return count;
      }

      @Override
      public void read(long at, float[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(at, length, count);
        source.read(start + at, into, offset, length);
      }
    };
  }
}
