package org.sttplatform.api.store;

import java.time.Instant;
import java.util.Map;

/**
 * The row of a pipeline run. The workflow is the source of truth while it runs; the row holds what
 * listings need and, once the run has ended, its final status, outputs and error.
 *
 * @param runId the run's id ({@code [A-Za-z0-9_-]})
 * @param definitionId the definition that runs
 * @param definitionVersion its exact version
 * @param status {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param inputs the effective inputs (defaults applied)
 * @param outputs the outputs of a completed run, else {@code null}
 * @param error why it failed or was cancelled, else {@code null}
 * @param createdAt when the run was created
 * @param updatedAt the last change of the row
 * @param endedAt when it ended, else {@code null}
 */
public record RunRecord(
    String runId,
    String definitionId,
    int definitionVersion,
    String status,
    Map<String, Object> inputs,
    Map<String, Object> outputs,
    String error,
    Instant createdAt,
    Instant updatedAt,
    Instant endedAt) {

  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  /** Every status, in the order of a run's life. */
  public static final java.util.List<String> STATUSES =
      java.util.List.of(RUNNING, COMPLETED, FAILED, CANCELLED);

  /** Whether the run has ended. */
  public boolean ended() {
    return !RUNNING.equals(status);
  }
}
