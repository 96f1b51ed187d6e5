package org.sttplatform.workflows.fleet;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The fleet table: one long-running workflow (id {@link #WORKFLOW_ID}, on {@code TaskQueues.FLEET})
 * that keeps the last report of every transcription worker. Workers send their reports with
 * signal-with-start, so the first one creates it; the API and the workers read it with the {@link
 * #workers} query. It lives in Temporal, not in one API node's memory, so every node sees the same
 * fleet, and no database table is needed.
 */
@WorkflowInterface
public interface FleetWorkflow {
  String WORKFLOW_ID = "stt-fleet";

  /**
   * Runs until it has taken enough signals to continue as new.
   *
   * @param carried the reports carried over from the previous run, or {@code null}
   */
  @WorkflowMethod
  void run(List<WorkerReport> carried);

  /** A worker's latest report; replaces its previous one. */
  @SignalMethod
  void heartbeat(WorkerReport report);

  /** Every worker's last report, by worker id; workers silent for an hour are forgotten. */
  @QueryMethod
  List<WorkerReport> workers();
}
