package org.sttplatform.api.web;

import java.util.List;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.SearchOptions;
import org.sttplatform.workflows.model.VadOptions;

/**
 * Builds {@link DecodeOptions} from the eleven seed parameters, the VAD ones and the search ones
 * ({@code beam_size}, {@code best_of}, {@code patience}), given as text.
 */
final class DecodeOptionsParser {
  /**
   * whisper.cpp keeps at most half its 448-token text context of prompt, so a longer prompt only
   * has its end used; this bound keeps the stored options small on every database.
   */
  static final int MAX_PROMPT_LENGTH = 4_000;

  static final int MAX_PUNCTUATION_LENGTH = 64;

  /** Longest VAD duration in milliseconds accepted (one hour): beyond it no region could form. */
  static final int MAX_VAD_MILLIS = 3_600_000;

  private DecodeOptionsParser() {}

  /**
   * The decode options of the create parameters; {@code null} or blank is the default. The VAD
   * options are kept only as given ({@code null} for a default the worker fills in), and only when
   * {@code vad_filter} is on. Search options whisper.cpp cannot honour are a 400 saying why ({@link
   * SearchOptions#problem}).
   */
  static DecodeOptions parse(CreateTaskParams raw) {
    boolean vadFilter = Params.bool("vad_filter", raw.vadFilter(), false);
    VadOptions vad = vadOptions(raw);
    DecodeOptions options =
        seed(raw)
            .withVad(vadFilter, vadFilter ? vad : null)
            .withSearch(
                decoders("beam_size", raw.beamSize()),
                decoders("best_of", raw.bestOf()),
                Params.number("patience", raw.patience(), null, 0, Double.MAX_VALUE));
    String problem = SearchOptions.problem(options);
    if (problem != null) {
      throw ApiException.badRequest(problem);
    }
    return options;
  }

  /**
   * A count of decoders as given, or {@code null} if blank; any integer (the range is {@link
   * SearchOptions}'s to check, with its reason), anything else a 400.
   */
  private static Integer decoders(String name, String value) {
    String v = Params.blankToNull(value);
    if (v == null) {
      return null;
    }
    boolean negative = v.startsWith("-");
    Long digits = Params.asciiDigits(negative ? v.substring(1) : v);
    if (digits == null || digits > Integer.MAX_VALUE) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter '%s'; expected an integer from 1 to %d"
              .formatted(v, name, SearchOptions.MAX_DECODERS));
    }
    return (int) (negative ? -digits : digits);
  }

  /** The VAD options; each out of range is a 400 naming it, whether or not VAD is on. */
  static VadOptions vadOptions(CreateTaskParams raw) {
    VadOptions v =
        new VadOptions(
            Params.number("vad_threshold", raw.vadThreshold(), null, 0, 1),
            Params.number("vad_neg_threshold", raw.vadNegThreshold(), null, 0, 1),
            millis("vad_min_speech_duration_ms", raw.vadMinSpeechDurationMs()),
            Params.number(
                "vad_max_speech_duration_s",
                raw.vadMaxSpeechDurationS(),
                null,
                Double.MIN_VALUE,
                Double.MAX_VALUE),
            millis("vad_min_silence_duration_ms", raw.vadMinSilenceDurationMs()),
            millis("vad_speech_pad_ms", raw.vadSpeechPadMs()));
    return v.equals(VadOptions.defaults()) ? null : v;
  }

  private static Integer millis(String name, String value) {
    Double d = Params.number(name, value, null, 0, MAX_VAD_MILLIS);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d)) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter '%s'; expected whole milliseconds from 0 to %d"
              .formatted(value.strip(), name, MAX_VAD_MILLIS));
    }
    return d.intValue();
  }

  private static DecodeOptions seed(CreateTaskParams raw) {
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
        limited("initial_prompt", Params.blankToNull(raw.initialPrompt()), MAX_PROMPT_LENGTH),
        Params.bool("word_timestamps", raw.wordTimestamps(), d.wordTimestamps()),
        limited(
            "prepend_punctuations",
            punctuation(raw.prependPunctuations(), d.prependPunctuations()),
            MAX_PUNCTUATION_LENGTH),
        limited(
            "append_punctuations",
            punctuation(raw.appendPunctuations(), d.appendPunctuations()),
            MAX_PUNCTUATION_LENGTH),
        clipTimestamps(raw.clipTimestamps()),
        Params.number(
            "hallucination_silence_threshold",
            raw.hallucinationSilenceThreshold(),
            null,
            Double.MIN_VALUE,
            Double.MAX_VALUE));
  }

  /** The text, or a 400 if it is longer than {@code max} characters. */
  private static String limited(String name, String value, int max) {
    if (value != null && value.length() > max) {
      throw ApiException.badRequest(
          "The '%s' parameter must be at most %d characters (got %d)"
              .formatted(name, max, value.length()));
    }
    return value;
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
