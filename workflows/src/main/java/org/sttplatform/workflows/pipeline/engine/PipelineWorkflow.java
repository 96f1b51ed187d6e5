package org.sttplatform.workflows.pipeline.engine;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/**
 * Runs any valid pipeline definition: the one engine for pipelines written in Java and loaded from
 * JSON. Its workflow id is {@link org.sttplatform.workflows.WorkflowIds#pipelineRun(String)}.
 */
@WorkflowInterface
public interface PipelineWorkflow {

  /**
   * Runs the steps (independent ones in parallel) and returns the outputs.
   *
   * @throws io.temporal.failure.ApplicationFailure {@link
   *     org.sttplatform.workflows.Failures#RUN_FAILED} (non-retryable) with the failed step's
   *     message, after its compensating step ran, if it has one
   */
  @WorkflowMethod
  Map<String, Object> run(PipelineRun run);

  /** The name of the {@link #state} query. */
  String STATE_QUERY = "state";

  /** The run's state: steps, progress, outputs. */
  @QueryMethod(name = STATE_QUERY)
  RunState state();
}
