package org.sttplatform.api.callback;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import org.springframework.stereotype.Component;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.callback.CallbackWorkflow;

/** Starts callback deliveries from the API ({@code POST /api/whisper/callback/redeliver}). */
@Component
public class CallbackDeliveries {
  private final WorkflowClient client;

  public CallbackDeliveries(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Sends the task's callback again as a new delivery (a new {@code X-STT-Delivery-Id}, attempts
   * from 1): a delivery still retrying is stopped first, so only one runs.
   */
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
