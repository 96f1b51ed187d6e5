package org.sttplatform.api.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import org.sttplatform.api.workflow.FleetDirectory;
import org.sttplatform.workflows.fleet.FleetWorkflow;
import org.sttplatform.workflows.fleet.WorkerReport;

/** Reads the fleet table with the {@link FleetWorkflow#workers} query. */
final class TemporalFleetDirectory implements FleetDirectory {
  private final WorkflowClient client;

  TemporalFleetDirectory(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<WorkerReport> workers() {
    try {
      return client.newWorkflowStub(FleetWorkflow.class, FleetWorkflow.WORKFLOW_ID).workers();
    } catch (WorkflowNotFoundException e) {
      return List.of(); // no worker has reported yet
    }
  }
}
