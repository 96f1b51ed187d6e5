package org.sttplatform.workflows.pipeline.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A run as its {@code state} query returns it: the source of truth for progress.
 *
 * @param status {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param progress from 0 to 1: the ended steps' share of the steps' progress weights
 * @param running the ids of the steps running now
 * @param steps every step's state, in definition order
 * @param outputs the run's outputs once completed
 * @param error why the run failed, or {@code null}
 * @param shares each step's share of the whole run's progress (its progress weight over the sum)
 * @param partial the share done of running steps that report one: a long transcription in parts
 *     ({@code LongFileSplit}), the audio of its finished parts over the whole; {@code null} if none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunState(
    String status,
    double progress,
    List<String> running,
    Map<String, StepState> steps,
    Map<String, Object> outputs,
    String error,
    Map<String, Double> shares,
    Map<String, Double> partial) {

  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  /**
   * The overall progress with running step {@code stepId} {@code fraction} (0 to 1) done, e.g. from
   * the transcription activity's heartbeat.
   */
  public double progressWithin(String stepId, double fraction) {
    double share = shares == null ? 0 : shares.getOrDefault(stepId, 0.0);
    return Math.min(1.0, progress + share * Math.max(0, Math.min(1, fraction)));
  }
}
