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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunState(
    String status,
    double progress,
    List<String> running,
    Map<String, StepState> steps,
    Map<String, Object> outputs,
    String error) {

  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
}
