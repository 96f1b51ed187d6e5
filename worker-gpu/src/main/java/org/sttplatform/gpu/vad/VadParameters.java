package org.sttplatform.gpu.vad;

/**
 * How speech probabilities become speech regions. Names and defaults are faster-whisper 1.x's
 * {@code VadOptions} (faster_whisper/vad.py: threshold 0.5, neg_threshold {@code max(threshold -
 * 0.15, 0.01)}, min_speech_duration_ms 0, max_speech_duration_s infinity, min_silence_duration_ms
 * 2000, speech_pad_ms 400). silero-vad's own {@code get_speech_timestamps} uses 250 ms minimum
 * speech, 100 ms minimum silence and 30 ms padding; faster-whisper's larger silence and padding
 * keep sentences whole for Whisper, which is what the regions are for here.
 *
 * @param threshold a window with a probability at or above this starts (or continues) speech
 * @param negThreshold below this, a window counts as silence; {@code null} means {@code
 *     max(threshold - 0.15, 0.01)}
 * @param minSpeechDurationMs regions shorter than this are dropped
 * @param maxSpeechDurationS regions longer than this are split (at a silence over 98 ms if any)
 * @param minSilenceDurationMs silence needed to end a region
 * @param speechPadMs padding added on each side of a region (halved between close regions)
 */
public record VadParameters(
    double threshold,
    Double negThreshold,
    int minSpeechDurationMs,
    double maxSpeechDurationS,
    int minSilenceDurationMs,
    int speechPadMs) {

  /** faster-whisper 1.x's defaults. */
  public static VadParameters defaults() {
    return new VadParameters(0.5, null, 0, Double.POSITIVE_INFINITY, 2000, 400);
  }

  /**
   * @throws IllegalArgumentException for a threshold outside [0, 1] or a negative duration
   */
  public VadParameters {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("vad threshold must be in [0, 1]: " + threshold);
    }
    if (negThreshold != null && !(negThreshold >= 0 && negThreshold <= 1)) {
      throw new IllegalArgumentException("vad neg_threshold must be in [0, 1]: " + negThreshold);
    }
    if (minSpeechDurationMs < 0 || minSilenceDurationMs < 0 || speechPadMs < 0) {
      throw new IllegalArgumentException("vad durations must not be negative");
    }
    if (!(maxSpeechDurationS > 0)) {
      throw new IllegalArgumentException(
          "vad max_speech_duration_s must be positive: " + maxSpeechDurationS);
    }
  }

  /** The silence threshold in effect. */
  public double effectiveNegThreshold() {
    return negThreshold != null ? negThreshold : Math.max(threshold - 0.15, 0.01);
  }
}
