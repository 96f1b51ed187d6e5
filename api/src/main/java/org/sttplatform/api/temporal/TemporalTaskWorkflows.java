package org.sttplatform.api.temporal;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.Priority;
import io.temporal.common.converter.DataConverter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.workflow.TaskWorkflows;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.TaskStages;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.RunState;
import org.sttplatform.workflows.pipeline.engine.StepState;
import org.sttplatform.workflows.pipeline.java.TaskPipelines;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * {@link TaskWorkflows} on a Temporal frontend (embedded or a cluster): a task is a run of the
 * pipeline engine ({@link PipelineWorkflow}) on {@link TaskPipelines}' pipeline, bound to the task
 * row.
 */
public class TemporalTaskWorkflows implements TaskWorkflows {
  private static final Logger log = LoggerFactory.getLogger(TemporalTaskWorkflows.class);

  /** Reads must not hold up an HTTP request when no worker answers. */
  private static final long READ_DEADLINE_MS = 2_000;

  private final WorkflowClient client;
  private final boolean embeddedServer;

  /**
   * @param client the workflow client
   * @param embeddedServer whether the frontend is the embedded test server (see {@link
   *     PriorityKeys})
   */
  public TemporalTaskWorkflows(WorkflowClient client, boolean embeddedServer) {
    this.client = client;
    this.embeddedServer = embeddedServer;
  }

  @Override
  public void start(TranscriptionRequest request, TaskPriority priority) {
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(WorkflowIds.transcription(request.taskId()))
                .setWorkflowExecutionTimeout(ActivityDefaults.LONGEST_RUN)
                .setPriority(
                    Priority.newBuilder().setPriorityKey(priorityKey(request, priority)).build())
                .build());
    try {
      WorkflowClient.start(workflow::run, TaskPipelines.run(request));
    } catch (WorkflowExecutionAlreadyStarted e) {
      // The workflow id is the task's: it is already running (a restart recovery and a create
      // request can both start it), which is what the caller wants.
      log.info("The workflow of task {} is already running", request.taskId());
    }
  }

  @Override
  public Optional<TaskProgress> progress(long taskId) {
    WorkflowExecution execution =
        WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.transcription(taskId)).build();
    try {
      Payloads result =
          reads()
              .queryWorkflow(
                  QueryWorkflowRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(execution)
                      .setQuery(
                          WorkflowQuery.newBuilder().setQueryType(PipelineWorkflow.STATE_QUERY))
                      .build())
              .getQueryResult();
      RunState state =
          converter().fromPayloads(0, Optional.of(result), RunState.class, RunState.class);
      if (state == null) {
        return Optional.empty();
      }
      if (!RunState.RUNNING.equals(state.status())) {
        return Optional.of(new TaskProgress(state.status(), state.progress()));
      }
      String step = state.running().isEmpty() ? lastStarted(state) : state.running().get(0);
      if (step == null) {
        return Optional.of(new TaskProgress(TaskStages.QUEUED, state.progress()));
      }
      if (TaskPipelines.TRANSCRIBING.equals(step)) {
        return Optional.of(new TaskProgress(step, withEnginePercent(execution, state, step)));
      }
      return Optional.of(new TaskProgress(step, state.progress()));
    } catch (RuntimeException e) {
      log.debug("No live progress for task {}: {}", taskId, e.getMessage());
      return Optional.empty();
    }
  }

  /** Between two steps: the one that ended last (in pipeline order), or {@code null}. */
  private static String lastStarted(RunState state) {
    String last = null;
    for (var step : state.steps().entrySet()) {
      if (!StepState.PENDING.equals(step.getValue().status())) {
        last = step.getKey();
      }
    }
    return last;
  }

  /** Folds the transcription activity's heartbeat (engine percent) into the overall progress. */
  private double withEnginePercent(WorkflowExecution execution, RunState state, String step) {
    if (state.partial() != null && state.partial().containsKey(step)) {
      // In parts (a long file): the finished parts' audio, not one part's heartbeat.
      return state.progressWithin(step, state.partial().get(step));
    }
    var pending =
        reads()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(execution)
                    .build())
            .getPendingActivitiesList();
    for (PendingActivityInfo activity : pending) {
      if (BuiltInComponents.TRANSCRIBE_ACTIVITY.equals(activity.getActivityType().getName())
          && activity.hasHeartbeatDetails()) {
        Integer percent =
            converter()
                .fromPayloads(
                    0, Optional.of(activity.getHeartbeatDetails()), Integer.class, Integer.class);
        if (percent != null) {
          return state.progressWithin(step, percent / 100.0);
        }
      }
    }
    return state.progress();
  }

  @Override
  public void cancel(long taskId) {
    try {
      client.newUntypedWorkflowStub(WorkflowIds.transcription(taskId)).cancel();
    } catch (WorkflowNotFoundException e) {
      // Finished, never started or already gone: nothing left to stop.
      log.debug("Cancel of task {} ignored: {}", taskId, e.getMessage());
    }
  }

  @Override
  public boolean reachable() {
    try {
      reads().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private WorkflowServiceBlockingStub reads() {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .withDeadlineAfter(READ_DEADLINE_MS, TimeUnit.MILLISECONDS);
  }

  private DataConverter converter() {
    return client.getOptions().getDataConverter();
  }

  private int priorityKey(TranscriptionRequest request, TaskPriority priority) {
    return embeddedServer
        ? PriorityKeys.embedded(priority, request.taskId())
        : PriorityKeys.cluster(priority);
  }
}
