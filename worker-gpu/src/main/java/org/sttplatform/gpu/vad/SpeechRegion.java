package org.sttplatform.gpu.vad;

/**
 * A stretch of speech, in 16 kHz samples of the original audio: {@code [start, end)}.
 *
 * @param start first sample
 * @param end sample after the last
 */
public record SpeechRegion(long start, long end) {

  /** Samples per second of the audio the regions index. */
  public static final int SAMPLE_RATE = 16_000;

  /** Start in seconds. */
  public double startSeconds() {
    return start / (double) SAMPLE_RATE;
  }

  /** End in seconds. */
  public double endSeconds() {
    return end / (double) SAMPLE_RATE;
  }
}
