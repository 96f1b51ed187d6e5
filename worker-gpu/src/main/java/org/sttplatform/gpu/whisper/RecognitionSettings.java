package org.sttplatform.gpu.whisper;

import java.util.List;
import org.sttplatform.workflows.model.SearchOptions;

/**
 * Engine-level decode settings, derived from the API's decode options.
 *
 * @param language ISO 639-1 code, or {@code null} to detect
 * @param translate translate into English
 * @param temperatures temperatures to try in order (first is the initial one)
 * @param compressionRatioThreshold openai-whisper's threshold; becomes whisper.cpp's {@code
 *     entropy_thold} = 2.4 * 2.4 / threshold (not positive and finite: disabled)
 * @param noSpeechThreshold openai-whisper's {@code no_speech_threshold}: a window whose no-speech
 *     probability is above it and whose average log-probability is not above -1 is dropped as
 *     silence; {@link Double#POSITIVE_INFINITY} disables the rule
 * @param conditionOnPreviousText inverse of whisper.cpp {@code no_context}
 * @param initialPrompt initial prompt or {@code null}
 * @param wordTimestamps compute per-word timings (token timestamps)
 * @param prependPunctuations punctuation merged into the following word
 * @param appendPunctuations punctuation merged into the preceding word
 * @param clips [start, end) seconds pairs to transcribe; empty means the whole audio
 * @param hallucinationSilenceThreshold seconds, or {@code null}
 * @param threads CPU threads for the engine
 * @param beamSize beams of whisper.cpp's beam search at temperature 0 (strategy {@code
 *     WHISPER_SAMPLING_BEAM_SEARCH}), or {@code null} (or 1) for greedy decoding; see {@link
 *     WhisperSearchParams}
 * @param bestOf decoders sampling at a temperature above 0 ({@code greedy.best_of})
 * @param patience {@code beam_search.patience}, which whisper.cpp 1.7.1 ignores, or {@code null} to
 *     leave its default
 */
public record RecognitionSettings(
    String language,
    boolean translate,
    List<Double> temperatures,
    double compressionRatioThreshold,
    double noSpeechThreshold,
    boolean conditionOnPreviousText,
    String initialPrompt,
    boolean wordTimestamps,
    String prependPunctuations,
    String appendPunctuations,
    List<double[]> clips,
    Double hallucinationSilenceThreshold,
    int threads,
    Integer beamSize,
    int bestOf,
    Double patience) {

  /** Settings with greedy decoding and {@value SearchOptions#DEFAULT_BEST_OF} fall-back samples. */
  public RecognitionSettings(
      String language,
      boolean translate,
      List<Double> temperatures,
      double compressionRatioThreshold,
      double noSpeechThreshold,
      boolean conditionOnPreviousText,
      String initialPrompt,
      boolean wordTimestamps,
      String prependPunctuations,
      String appendPunctuations,
      List<double[]> clips,
      Double hallucinationSilenceThreshold,
      int threads) {
    this(
        language,
        translate,
        temperatures,
        compressionRatioThreshold,
        noSpeechThreshold,
        conditionOnPreviousText,
        initialPrompt,
        wordTimestamps,
        prependPunctuations,
        appendPunctuations,
        clips,
        hallucinationSilenceThreshold,
        threads,
        null,
        SearchOptions.DEFAULT_BEST_OF,
        null);
  }

  /** These settings for other clips. */
  public RecognitionSettings withClips(List<double[]> clips) {
    return new RecognitionSettings(
        language,
        translate,
        temperatures,
        compressionRatioThreshold,
        noSpeechThreshold,
        conditionOnPreviousText,
        initialPrompt,
        wordTimestamps,
        prependPunctuations,
        appendPunctuations,
        clips,
        hallucinationSilenceThreshold,
        threads,
        beamSize,
        bestOf,
        patience);
  }

  /** These settings with a beam search, best_of and patience (checked when recognising). */
  public RecognitionSettings withSearch(Integer beamSize, int bestOf, Double patience) {
    return new RecognitionSettings(
        language,
        translate,
        temperatures,
        compressionRatioThreshold,
        noSpeechThreshold,
        conditionOnPreviousText,
        initialPrompt,
        wordTimestamps,
        prependPunctuations,
        appendPunctuations,
        clips,
        hallucinationSilenceThreshold,
        threads,
        beamSize,
        bestOf,
        patience);
  }
}
