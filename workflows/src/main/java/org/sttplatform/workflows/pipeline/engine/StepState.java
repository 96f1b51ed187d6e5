package org.sttplatform.workflows.pipeline.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where one step of a run stands.
 *
 * @param status {@code pending}, {@code running}, {@code completed}, {@code failed} or {@code
 *     skipped}
 * @param startedAt when it started (epoch ms, workflow time), or {@code null}
 * @param endedAt when it ended, or {@code null}
 * @param output its output once completed (a list of the elements' outputs for {@code for_each})
 * @param error why it failed, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepState(String status, Long startedAt, Long endedAt, Object output, String error) {

  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  static StepState pending() {
    return new StepState(PENDING, null, null, null, null);
  }

  StepState running(long now) {
    return new StepState(RUNNING, now, null, null, null);
  }

  StepState completed(long now, Object out) {
    return new StepState(COMPLETED, startedAt, now, out, null);
  }

  StepState failed(long now, String why) {
    return new StepState(FAILED, startedAt, now, null, why);
  }

  StepState skipped(long now) {
    return new StepState(SKIPPED, startedAt, now, null, null);
  }

  /** Whether the step will not change any more. */
  boolean ended() {
    return COMPLETED.equals(status) || FAILED.equals(status) || SKIPPED.equals(status);
  }
}
