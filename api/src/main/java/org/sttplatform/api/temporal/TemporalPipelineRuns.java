package org.sttplatform.api.temporal;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.api.workflow.PipelineRuns;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.RunState;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/** {@link PipelineRuns} on a Temporal frontend (embedded or a cluster). */
public class TemporalPipelineRuns implements PipelineRuns {
  private static final Logger log = LoggerFactory.getLogger(TemporalPipelineRuns.class);

  /** A query must not hold up an HTTP request when no worker answers. */
  private static final long READ_DEADLINE_MS = 2_000;

  private final WorkflowClient client;

  public TemporalPipelineRuns(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void start(PipelineRun run) {
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(WorkflowIds.pipelineRun(run.runId()))
                .setWorkflowExecutionTimeout(ActivityDefaults.LONGEST_RUN)
                .build());
    WorkflowClient.start(workflow::run, run);
  }

  @Override
  public Optional<RunState> state(String runId) {
    try {
      Payloads result =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(READ_DEADLINE_MS, TimeUnit.MILLISECONDS)
              .queryWorkflow(
                  QueryWorkflowRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(WorkflowIds.pipelineRun(runId)))
                      .setQuery(
                          WorkflowQuery.newBuilder().setQueryType(PipelineWorkflow.STATE_QUERY))
                      .build())
              .getQueryResult();
      return Optional.ofNullable(
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(0, Optional.of(result), RunState.class, RunState.class));
    } catch (RuntimeException e) {
      log.debug("No live state for run {}: {}", runId, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Map<String, Integer> attempts(String runId) {
    try {
      return RunAttempts.count(client, WorkflowIds.pipelineRun(runId));
    } catch (RuntimeException e) {
      log.debug("No attempts for run {}: {}", runId, e.getMessage());
      return Map.of();
    }
  }

  @Override
  public boolean cancel(String runId) {
    try {
      client.newUntypedWorkflowStub(WorkflowIds.pipelineRun(runId)).cancel();
      return true;
    } catch (WorkflowNotFoundException e) {
      // Closed, never started or gone with a restarted embedded server: nothing left to stop.
      log.debug("Cancel of run {} ignored: {}", runId, e.getMessage());
      return false;
    }
  }
}
