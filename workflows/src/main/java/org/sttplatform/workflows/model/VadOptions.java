package org.sttplatform.workflows.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Voice activity detection options, with faster-whisper's {@code VadOptions} names; each {@code
 * null} means faster-whisper 1.x's default (threshold 0.5, neg_threshold threshold − 0.15,
 * min_speech_duration_ms 0, max_speech_duration_s unlimited, min_silence_duration_ms 2000,
 * speech_pad_ms 400).
 *
 * @param threshold speech probability at or above which a window is speech, in [0, 1]
 * @param negThreshold probability below which a window is silence, in [0, 1]
 * @param minSpeechDurationMs shorter speech regions are dropped
 * @param maxSpeechDurationS longer speech regions are split; {@code null} is unlimited
 * @param minSilenceDurationMs silence that ends a region
 * @param speechPadMs padding on each side of a region
 */
public record VadOptions(
    @JsonProperty("threshold") Double threshold,
    @JsonProperty("neg_threshold") Double negThreshold,
    @JsonProperty("min_speech_duration_ms") Integer minSpeechDurationMs,
    @JsonProperty("max_speech_duration_s") Double maxSpeechDurationS,
    @JsonProperty("min_silence_duration_ms") Integer minSilenceDurationMs,
    @JsonProperty("speech_pad_ms") Integer speechPadMs) {

  /** Every option at its default. */
  public static VadOptions defaults() {
    return new VadOptions(null, null, null, null, null, null);
  }
}
