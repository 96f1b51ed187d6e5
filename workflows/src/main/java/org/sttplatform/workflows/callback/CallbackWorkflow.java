package org.sttplatform.workflows.callback;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers a finished task's callback: started by the pipeline engine when a task's run ends
 * (completed or failed) as an abandoned child, and by {@code POST /api/whisper/callback/redeliver}.
 * Its workflow id is {@link org.sttplatform.workflows.WorkflowIds#callback(long)}; its run id is
 * the delivery id, the same on every attempt.
 */
@WorkflowInterface
public interface CallbackWorkflow {

  /**
   * Sends the callback, retrying until it is delivered or the retry window closes (then the task's
   * callback is {@code dead}). Never fails: the outcome is on the task row.
   */
  @WorkflowMethod
  void deliver(long taskId);
}
