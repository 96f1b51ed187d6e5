package org.sttplatform.api.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import org.sttplatform.api.workflow.CallbackDeliveries;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.callback.CallbackWorkflow;

/** {@link CallbackDeliveries} on Temporal: a {@code CallbackWorkflow} on the CPU workers. */
public class TemporalCallbackDeliveries implements CallbackDeliveries {
  private final WorkflowClient client;

  public TemporalCallbackDeliveries(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void redeliver(long taskId) {
    String id = WorkflowIds.callback(taskId);
    try {
      client.newUntypedWorkflowStub(id).terminate("redelivery requested");
    } catch (WorkflowNotFoundException closed) {
      // No delivery running: the usual case.
    }
    CallbackWorkflow delivery =
        client.newWorkflowStub(
            CallbackWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.CPU).setWorkflowId(id).build());
    WorkflowClient.start(delivery::deliver, taskId);
  }
}
