package org.sttplatform.workflows.pipeline.component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;

/**
 * The activities behind a long {@code transcribe} split into parts (docs/components.md, "Long files
 * in parallel"), run by the transcription workers. The engine's {@code LongFileSplit} plans the
 * parts, transcribes each as its own routed activity and stitches them; the step's output is that
 * of one pass.
 */
@ActivityInterface
public interface TranscribeSplit {
  /** Plans the parts (routed to a leased worker, like a transcription). */
  String PLAN_ACTIVITY = "component.transcribe.plan";

  /** Transcribes one part (routed to a leased worker). */
  String PART_ACTIVITY = "component.transcribe.part";

  /** Writes the one transcript from the parts' (on the shared queue: it is file work). */
  String STITCH_ACTIVITY = "component.transcribe.stitch";

  /**
   * The cut points: each span boundary moved into a pause near it (voice activity detection of the
   * audio around it), or kept where there is none.
   */
  @ActivityMethod(name = PLAN_ACTIVITY)
  SplitPlan plan(PlanInput input);

  /**
   * Transcribes one part: a {@code transcribe} input (its {@code options.clip_timestamps} the
   * part's start and end) with {@code part}, its 1-based number, naming its own transcript file
   * beside the audio. Times are on the whole audio's timeline.
   */
  @ActivityMethod(name = PART_ACTIVITY)
  TranscriptRef part(Map<String, Object> input);

  /** The parts' transcripts as one, written where a one-pass transcription writes its own. */
  @ActivityMethod(name = STITCH_ACTIVITY)
  TranscribeOutput stitch(StitchInput input);

  /**
   * @param audio the audio to split
   * @param spanSeconds the longest a part should be (a part may end up to a fifth of it later, at a
   *     pause)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record PlanInput(AudioRef audio, @JsonProperty("span_seconds") double spanSeconds) {}

  /**
   * @param parts the parts in order, end to end from 0 to the audio's end
   */
  record SplitPlan(List<Part> parts) {}

  /**
   * @param start seconds
   * @param end seconds
   */
  record Part(double start, double end) {
    /** Its length in seconds. */
    public double seconds() {
      return end - start;
    }
  }

  /**
   * @param taskId the step's task row, for the output
   * @param audio the audio, beside which the stitched transcript is written
   * @param inline whether the output carries the text and segments ({@code null}: yes)
   * @param parts the parts' transcripts, in order
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record StitchInput(
      @JsonProperty("task_id") Long taskId,
      AudioRef audio,
      Boolean inline,
      List<TranscriptRef> parts) {}
}
