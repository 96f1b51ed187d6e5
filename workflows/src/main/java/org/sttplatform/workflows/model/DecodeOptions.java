package org.sttplatform.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The seed API's eleven decode options, as the user sent them (defaults already applied), voice
 * activity detection, and the search options (beam search and sampling candidates). JSON names are
 * the seed's snake_case names, so the same JSON is stored in the task row and carried in workflow
 * payloads. JSON written before VAD existed has no {@code vad_filter} / {@code vad_parameters}: it
 * reads as VAD off; JSON written before the search options existed has no {@code beam_size} /
 * {@code best_of} / {@code patience}: it reads as {@code null} each, which is today's decoding
 * (greedy at temperature 0, whisper.cpp's 5 candidates at fall-back temperatures). Which values
 * whisper.cpp can honour is {@link SearchOptions}'s to say; docs/decoding.md lists every option.
 *
 * @param language ISO 639-1 code, or {@code null} to detect the language
 * @param temperature the temperatures to try in order; later ones are fall-backs
 * @param compressionRatioThreshold a segment more compressible than this is decoded again hotter
 * @param noSpeechThreshold a window whose no-speech probability is above this is treated as silent
 * @param conditionOnPreviousText whether the previous window's text prompts the next one
 * @param initialPrompt text that prompts the first window, or {@code null}
 * @param wordTimestamps whether to return per-word timings
 * @param prependPunctuations punctuation merged into the following word
 * @param appendPunctuations punctuation merged into the preceding word
 * @param clipTimestamps start,end[,start,end…] seconds of the clips to transcribe; empty is all
 * @param hallucinationSilenceThreshold seconds of silence around a suspect segment that drop it
 * @param vadFilter decode only the speech regions that voice activity detection finds
 * @param vadParameters VAD options, or {@code null} for the defaults
 * @param beamSize beams of a beam search at temperature 0, or {@code null} for greedy decoding
 * @param bestOf candidates sampled at each temperature above 0, or {@code null} for {@value
 *     SearchOptions#DEFAULT_BEST_OF}
 * @param patience openai-whisper's beam-search patience; only {@code null} or {@value
 *     SearchOptions#PATIENCE_OFF} (see {@link SearchOptions#problem})
 */
public record DecodeOptions(
    @JsonProperty("language") String language,
    @JsonProperty("temperature") List<Double> temperature,
    @JsonProperty("compression_ratio_threshold") Double compressionRatioThreshold,
    @JsonProperty("no_speech_threshold") Double noSpeechThreshold,
    @JsonProperty("condition_on_previous_text") boolean conditionOnPreviousText,
    @JsonProperty("initial_prompt") String initialPrompt,
    @JsonProperty("word_timestamps") boolean wordTimestamps,
    @JsonProperty("prepend_punctuations") String prependPunctuations,
    @JsonProperty("append_punctuations") String appendPunctuations,
    @JsonProperty("clip_timestamps") List<Double> clipTimestamps,
    @JsonProperty("hallucination_silence_threshold") Double hallucinationSilenceThreshold,
    @JsonProperty("vad_filter") boolean vadFilter,
    @JsonProperty("vad_parameters") @JsonInclude(JsonInclude.Include.NON_NULL)
        VadOptions vadParameters,
    @JsonProperty("beam_size") @JsonInclude(JsonInclude.Include.NON_NULL) Integer beamSize,
    @JsonProperty("best_of") @JsonInclude(JsonInclude.Include.NON_NULL) Integer bestOf,
    @JsonProperty("patience") @JsonInclude(JsonInclude.Include.NON_NULL) Double patience) {

  /** The eleven seed options and voice activity detection, with the default search. */
  public DecodeOptions(
      String language,
      List<Double> temperature,
      Double compressionRatioThreshold,
      Double noSpeechThreshold,
      boolean conditionOnPreviousText,
      String initialPrompt,
      boolean wordTimestamps,
      String prependPunctuations,
      String appendPunctuations,
      List<Double> clipTimestamps,
      Double hallucinationSilenceThreshold,
      boolean vadFilter,
      VadOptions vadParameters) {
    this(
        language,
        temperature,
        compressionRatioThreshold,
        noSpeechThreshold,
        conditionOnPreviousText,
        initialPrompt,
        wordTimestamps,
        prependPunctuations,
        appendPunctuations,
        clipTimestamps,
        hallucinationSilenceThreshold,
        vadFilter,
        vadParameters,
        null,
        null,
        null);
  }

  /** The eleven seed options, without voice activity detection. */
  public DecodeOptions(
      String language,
      List<Double> temperature,
      Double compressionRatioThreshold,
      Double noSpeechThreshold,
      boolean conditionOnPreviousText,
      String initialPrompt,
      boolean wordTimestamps,
      String prependPunctuations,
      String appendPunctuations,
      List<Double> clipTimestamps,
      Double hallucinationSilenceThreshold) {
    this(
        language,
        temperature,
        compressionRatioThreshold,
        noSpeechThreshold,
        conditionOnPreviousText,
        initialPrompt,
        wordTimestamps,
        prependPunctuations,
        appendPunctuations,
        clipTimestamps,
        hallucinationSilenceThreshold,
        false,
        null);
  }

  /** These options with voice activity detection on or off. */
  public DecodeOptions withVad(boolean filter, VadOptions parameters) {
    return new DecodeOptions(
        language,
        temperature,
        compressionRatioThreshold,
        noSpeechThreshold,
        conditionOnPreviousText,
        initialPrompt,
        wordTimestamps,
        prependPunctuations,
        appendPunctuations,
        clipTimestamps,
        hallucinationSilenceThreshold,
        filter,
        parameters,
        beamSize,
        bestOf,
        patience);
  }

  /**
   * These options with the given search options ({@code null} each for the default), unchecked:
   * {@link SearchOptions#problem} says whether whisper.cpp can honour them.
   */
  public DecodeOptions withSearch(Integer beamSize, Integer bestOf, Double patience) {
    return new DecodeOptions(
        language,
        temperature,
        compressionRatioThreshold,
        noSpeechThreshold,
        conditionOnPreviousText,
        initialPrompt,
        wordTimestamps,
        prependPunctuations,
        appendPunctuations,
        clipTimestamps,
        hallucinationSilenceThreshold,
        vadFilter,
        vadParameters,
        beamSize,
        bestOf,
        patience);
  }

  /** Default punctuation merged into the following word (the seed's and Whisper's default). */
  public static final String DEFAULT_PREPEND = "\"'“¿([{-";

  /** Default punctuation merged into the preceding word (the seed's and Whisper's default). */
  public static final String DEFAULT_APPEND = "\"'.。,，!！?？:：”)]}、";

  /** Whisper's own defaults: detect the language, temperature fall-back 0.0 to 1.0. */
  public static DecodeOptions defaults() {
    return new DecodeOptions(
        null,
        List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
        2.4,
        0.6,
        true,
        null,
        false,
        DEFAULT_PREPEND,
        DEFAULT_APPEND,
        List.of(),
        null);
  }
}
