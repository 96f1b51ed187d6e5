package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Output of {@code transcribe}. Segments come without tokens and words (those stay in the
 * transcript file), so that long transcripts fit in the run's history.
 *
 * @param text the whole text
 * @param language detected (or given) language code
 * @param languageProbability its probability
 * @param duration audio duration in seconds
 * @param model the model that ran
 * @param segments the segments
 * @param transcriptPath the whole transcript (word timings, decoder statistics) as JSON in the
 *     run's working folder, removed when the run ends; the {@code subtitles} component reads its
 *     words from there when given this output
 */
public record TranscribeOutput(
    String text,
    String language,
    @JsonProperty("language_probability") double languageProbability,
    double duration,
    String model,
    List<Segment> segments,
    @JsonProperty("transcript_path") String transcriptPath) {

  /**
   * @param id 1-based
   * @param start seconds
   * @param end seconds
   * @param text the segment's text
   */
  public record Segment(int id, double start, double end, String text) {}
}
