package org.sttplatform.gpu.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.SearchOptions;

/**
 * Maps the seed API's {@link DecodeOptions} to engine {@link RecognitionSettings}, with the seed's
 * (openai-whisper's) semantics:
 *
 * <ul>
 *   <li>{@code language}: {@code null}, blank or {@code auto} detect; codes are lower-cased.
 *   <li>{@code temperature}: tried in order; missing or empty means {@code [0.0]}.
 *   <li>{@code compression_ratio_threshold} / {@code no_speech_threshold}: {@code null} disables
 *       the check, passed on as {@link Double#POSITIVE_INFINITY} (no value exceeds it).
 *   <li>{@code initial_prompt}: blank means none.
 *   <li>{@code prepend_punctuations} / {@code append_punctuations}: {@code null} means Whisper's
 *       defaults.
 *   <li>{@code clip_timestamps}: {@code start,end,start,end…} seconds become {@code [start, end)}
 *       pairs; an odd count leaves the last clip open, running to the end of the audio. Clips are
 *       clamped to the audio; empty clips are dropped. An empty list means the whole audio.
 *   <li>{@code beam_size} / {@code best_of} / {@code patience}: checked by {@link SearchOptions}
 *       (an option whisper.cpp cannot honour fails the task, as the API's 400 would); no {@code
 *       beam_size} decodes greedily, no {@code best_of} is {@value SearchOptions#DEFAULT_BEST_OF}.
 * </ul>
 */
public final class DecodeSettings {

  private DecodeSettings() {}

  /**
   * The options cannot be honoured: no clip is left once clamped to the audio, or a search option
   * whisper.cpp cannot run.
   */
  public static final class InvalidOptionsException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidOptionsException(String message) {
      super(message);
    }
  }

  /**
   * @param options the user's options, or {@code null} for the defaults
   * @param translate translate into English
   * @param threads CPU threads for the engine
   * @param audioSeconds length of the audio, for open-ended and out-of-range clips
   */
  public static RecognitionSettings map(
      DecodeOptions options, boolean translate, int threads, double audioSeconds)
      throws InvalidOptionsException {
    DecodeOptions o = options == null ? DecodeOptions.defaults() : options;
    String search = SearchOptions.problem(o);
    if (search != null) {
      throw new InvalidOptionsException(search);
    }
    return new RecognitionSettings(
        language(o.language()),
        translate,
        temperatures(o.temperature()),
        o.compressionRatioThreshold() == null
            ? Double.POSITIVE_INFINITY
            : o.compressionRatioThreshold(),
        o.noSpeechThreshold() == null ? Double.POSITIVE_INFINITY : o.noSpeechThreshold(),
        o.conditionOnPreviousText(),
        o.initialPrompt() == null || o.initialPrompt().isBlank() ? null : o.initialPrompt(),
        o.wordTimestamps(),
        o.prependPunctuations() == null ? DecodeOptions.DEFAULT_PREPEND : o.prependPunctuations(),
        o.appendPunctuations() == null ? DecodeOptions.DEFAULT_APPEND : o.appendPunctuations(),
        clips(o.clipTimestamps(), audioSeconds),
        o.hallucinationSilenceThreshold(),
        Math.max(1, threads),
        o.beamSize(),
        o.bestOf() == null ? SearchOptions.DEFAULT_BEST_OF : o.bestOf(),
        o.patience());
  }

  static String language(String language) {
    if (language == null || language.isBlank() || language.equalsIgnoreCase("auto")) {
      return null;
    }
    return language.strip().toLowerCase(Locale.ROOT);
  }

  static List<Double> temperatures(List<Double> temperature) {
    if (temperature == null || temperature.isEmpty()) {
      return List.of(0.0);
    }
    List<Double> t = new ArrayList<>();
    for (Double value : temperature) {
      if (value != null) {
        t.add(value);
      }
    }
    return t.isEmpty() ? List.of(0.0) : List.copyOf(t);
  }

  static List<double[]> clips(List<Double> timestamps, double audioSeconds)
      throws InvalidOptionsException {
    if (timestamps == null || timestamps.isEmpty()) {
      return List.of();
    }
    List<double[]> clips = new ArrayList<>();
    for (int i = 0; i < timestamps.size(); i += 2) {
      Double start = timestamps.get(i);
      Double end = i + 1 < timestamps.size() ? timestamps.get(i + 1) : null;
      double s = Math.max(0.0, start == null ? 0.0 : start);
      double e = end == null ? audioSeconds : Math.min(end, audioSeconds);
      if (e > s) {
        clips.add(new double[] {s, e});
      }
    }
    if (clips.isEmpty()) {
      throw new InvalidOptionsException(
          "clip_timestamps "
              + timestamps
              + " select nothing of the "
              + String.format(Locale.ROOT, "%.2f", audioSeconds)
              + " s of audio");
    }
    return List.copyOf(clips);
  }
}
