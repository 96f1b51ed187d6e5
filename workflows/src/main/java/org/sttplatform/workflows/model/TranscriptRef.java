package org.sttplatform.workflows.model;

/**
 * A transcript written as JSON ({@link Transcript}) next to the audio, in the file store.
 * Transcripts of long media with word timings outgrow Temporal's payload limit, so only this
 * summary travels in history.
 *
 * @param key storage key of the transcript JSON
 * @param language detected (or requested) language code
 * @param languageProbability probability of that language
 * @param segmentCount number of segments
 * @param engineSeconds wall time spent in whisper.cpp (model load excluded)
 */
public record TranscriptRef(
    String key,
    String language,
    double languageProbability,
    int segmentCount,
    double engineSeconds) {}
