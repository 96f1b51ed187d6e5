package org.sttplatform.api.web;

import java.util.List;
import org.sttplatform.workflows.model.DecodeOptions;

/** Builds {@link DecodeOptions} from the eleven seed parameters given as text. */
final class DecodeOptionsParser {
  private DecodeOptionsParser() {}

  /** The eleven decode options of the create parameters; {@code null} or blank is the default. */
  static DecodeOptions parse(CreateTaskParams raw) {
    DecodeOptions d = DecodeOptions.defaults();
    String temperatureText = Params.blankToNull(raw.temperature());
    List<Double> temperature =
        temperatureText == null
            ? d.temperature()
            : Params.numberList("temperature", temperatureText, 0.0, 1.0);
    return new DecodeOptions(
        Params.language(raw.language()),
        temperature,
        Params.number(
            "compression_ratio_threshold",
            raw.compressionRatioThreshold(),
            d.compressionRatioThreshold(),
            Double.MIN_VALUE,
            Double.MAX_VALUE),
        Params.number("no_speech_threshold", raw.noSpeechThreshold(), d.noSpeechThreshold(), 0, 1),
        Params.bool(
            "condition_on_previous_text",
            raw.conditionOnPreviousText(),
            d.conditionOnPreviousText()),
        Params.blankToNull(raw.initialPrompt()),
        Params.bool("word_timestamps", raw.wordTimestamps(), d.wordTimestamps()),
        punctuation(raw.prependPunctuations(), d.prependPunctuations()),
        punctuation(raw.appendPunctuations(), d.appendPunctuations()),
        clipTimestamps(raw.clipTimestamps()),
        Params.number(
            "hallucination_silence_threshold",
            raw.hallucinationSilenceThreshold(),
            null,
            Double.MIN_VALUE,
            Double.MAX_VALUE));
  }

  /** Punctuation is taken verbatim (spaces matter little, but are not ours to strip). */
  private static String punctuation(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  /**
   * {@code ""}, {@code "0"} or {@code "0.0"} mean the whole audio (empty list); otherwise
   * non-decreasing, non-negative seconds {@code start,end[,start,end…]}.
   */
  static List<Double> clipTimestamps(String value) {
    String v = Params.blankToNull(value);
    if (v == null) {
      return List.of();
    }
    List<Double> values = Params.numberList("clip_timestamps", v, 0.0, Double.MAX_VALUE);
    if (values.size() == 1 && values.get(0) == 0.0) {
      return List.of();
    }
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i) < values.get(i - 1)) {
        throw ApiException.badRequest(
            ("Invalid value '%s' for parameter 'clip_timestamps'; expected non-decreasing"
                    + " comma-separated seconds start,end[,start,end...], or 0 for the whole audio")
                .formatted(v));
      }
    }
    return List.copyOf(values);
  }
}
