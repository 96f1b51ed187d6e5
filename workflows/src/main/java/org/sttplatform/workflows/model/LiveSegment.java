package org.sttplatform.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * One line of a task's live segment file: a segment of the transcript as the transcription worker
 * decoded it, before the task completes. The worker appends one JSON object per line (flushed per
 * line) to the file {@link #key} names; the API tails it for {@code stream=true} and sends a {@code
 * transcript.text.delta} per new line.
 *
 * <p>The segment is final: its {@code id}, times (on the original audio's timeline, after the VAD
 * and chunk offsets) and text are those of the same segment in the stored transcript. Ids run 1, 2,
 * 3… in file order. A retried attempt starts the file again from its first segment, so a reader
 * keeps only the next id it expects and ignores the others.
 *
 * @param id the segment's id in the transcript (1-based)
 * @param start seconds from the start of the audio
 * @param end seconds from the start of the audio
 * @param text the segment's text, as the transcript has it (usually with a leading space)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LiveSegment(
    @JsonProperty("id") int id,
    @JsonProperty("start") double start,
    @JsonProperty("end") double end,
    @JsonProperty("text") String text) {

  /** A run's working folder key: the pattern the data layout allows. */
  private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  /**
   * The storage key of task {@code taskId}'s live segment file in the working folder of run {@code
   * workspace} ({@code work/runs/<workspace>/}, deleted with it when the run ends). Named by the
   * task, not by the transcribe step's activity, so that the API finds it from the task alone.
   *
   * @throws IllegalArgumentException if the workspace is not a valid working folder key or the task
   *     id is not positive
   */
  public static String key(String workspace, long taskId) {
    if (workspace == null || !WORKSPACE.matcher(workspace).matches()) {
      throw new IllegalArgumentException("Invalid working folder key: " + workspace);
    }
    if (taskId <= 0) {
      throw new IllegalArgumentException("taskId must be positive: " + taskId);
    }
    return "work/runs/" + workspace + "/segments-" + taskId + ".jsonl";
  }
}
