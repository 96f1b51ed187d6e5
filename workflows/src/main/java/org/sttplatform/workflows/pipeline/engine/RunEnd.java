package org.sttplatform.workflows.pipeline.engine;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.callback.CallbackWorkflow;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * What the pipeline workflow does once its run has ended, whichever way (completed, failed or
 * cancelled): remove the working folder, tell the run store, start a task's callback. Each runs
 * detached from the run's cancellation, and the failure it expects is logged, not thrown.
 */
final class RunEnd {
  // Logs under the workflow's name, as it did before this code moved here.
  private static final Logger log = Workflow.getLogger(PipelineWorkflowImpl.class);

  private final RunStoreActivities runStore =
      Workflow.newActivityStub(RunStoreActivities.class, ActivityDefaults.store());
  private final RunLedger ledger;
  private final TaskRows rows;
  private final StepInvoker invoker;

  RunEnd(RunLedger ledger, TaskRows rows, StepInvoker invoker) {
    this.ledger = ledger;
    this.rows = rows;
    this.invoker = invoker;
  }

  /** Removes the run's working folder, also after a failure or cancellation; never throws. */
  void cleanUp(PipelineRun run) {
    CancellationScope scope = Workflow.newDetachedCancellationScope(() -> invoker.cleanUp(run));
    try {
      scope.run();
    } catch (ActivityFailure e) {
      log.warn("Could not remove the working folder of run {}: {}", run.runId(), e.getMessage());
    }
  }

  /**
   * Tells the run store how the run ended; detached, so that it also happens after a cancellation.
   * Nothing is recorded while the status is still running: that is an unexpected exception, which
   * fails the workflow task and is retried, so the run has not ended. A run that drives a task has
   * no run row: its task row was written instead.
   */
  void recordEnd(PipelineRun run) {
    if (RunState.RUNNING.equals(ledger.status()) || rows.drivesTask()) {
      return;
    }
    try {
      Workflow.newDetachedCancellationScope(
              () ->
                  runStore.runEnded(run.runId(), ledger.status(), ledger.outputs(), ledger.error()))
          .run();
    } catch (ActivityFailure e) {
      // Out of retries (the store was down for a quarter of an hour): the run's own result stays
      // what it is; its row keeps the last status it had.
      log.error("Could not record the end of run {}: {}", run.runId(), e.getMessage());
    }
  }

  /**
   * A task run with a callback that ended completed or failed (its row is written by now) starts
   * the delivery as a child of its own ({@link WorkflowIds#callback}), abandoned: the delivery can
   * take the whole retry window and must neither hold the run open nor change its result. Not after
   * a cancellation (a deleted task). Only such runs add commands, so histories of other runs replay
   * unchanged.
   */
  void startCallback(PipelineRun run) {
    String status = ledger.status();
    if (!run.callback()
        || !rows.drivesTask()
        || !(RunState.COMPLETED.equals(status) || RunState.FAILED.equals(status))) {
      return;
    }
    long taskId = run.taskId();
    try {
      Workflow.newDetachedCancellationScope(
              () -> {
                CallbackWorkflow delivery =
                    Workflow.newChildWorkflowStub(
                        CallbackWorkflow.class,
                        ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(WorkflowIds.callback(taskId))
                            .setTaskQueue(TaskQueues.CPU)
                            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                            .build());
                Async.procedure(delivery::deliver, taskId);
                // Wait until it has started: a child not yet started when the parent closes is
                // not started at all.
                Workflow.getWorkflowExecution(delivery).get();
              })
          .run();
    } catch (ChildWorkflowFailure e) {
      // E.g. a redelivery of the same task is already running: that one delivers.
      log.warn("Could not start the callback of task {}: {}", taskId, e.getMessage());
    }
  }
}
