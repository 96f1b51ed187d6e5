package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;

/**
 * Output of {@code transcribe}. Segments come without tokens and words (those stay in the
 * transcript the task row holds), so that long transcripts fit in the run's history; with {@code
 * inline: false} the text and segments are left out as well.
 *
 * @param taskId the task row that holds the full transcript ({@code /api/whisper/tasks/result})
 * @param text the whole text, or {@code null} when not inline
 * @param language detected (or given) language code
 * @param languageProbability its probability
 * @param duration audio duration in seconds
 * @param model the model that ran
 * @param segmentCount number of segments
 * @param segments the segments, or {@code null} when not inline
 * @param vad what voice activity detection found ({@code vad_filter}), or {@code null}
 * @param transcript the whole transcript file (word timings, decoder statistics) by its storage
 *     key, in the run's working folder until the run ends: the {@code subtitles} component reads
 *     its words from there when given this output
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TranscribeOutput(
    @JsonProperty("task_id") Long taskId,
    String text,
    String language,
    @JsonProperty("language_probability") double languageProbability,
    double duration,
    String model,
    @JsonProperty("segment_count") int segmentCount,
    List<Segment> segments,
    Transcript.Vad vad,
    TranscriptRef transcript) {

  /**
   * @param id 1-based
   * @param start seconds
   * @param end seconds
   * @param text the segment's text
   */
  public record Segment(int id, double start, double end, String text) {}
}
