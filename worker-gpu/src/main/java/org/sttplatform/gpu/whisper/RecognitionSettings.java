package org.sttplatform.gpu.whisper;

import java.util.List;

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
    int threads) {}
