package org.sttplatform.api.workflow;

import java.util.Map;
import java.util.Optional;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;
import org.sttplatform.workflows.pipeline.engine.RunState;

/** Starts, inspects and cancels the workflow behind a pipeline run. */
public interface PipelineRuns {

  /**
   * Starts the pipeline workflow of {@code run.runId()}.
   *
   * @throws RuntimeException if the workflow service cannot be reached
   */
  void start(PipelineRun run);

  /**
   * The run's live state from its workflow's {@code state} query, or empty if the workflow is
   * unknown to the server (e.g. gone after a restart of the embedded server) or cannot be reached.
   */
  Optional<RunState> state(String runId);

  /**
   * How many attempts each step's activities have made (all elements of a {@code for_each}
   * together), from the run's history and its running activities; empty if the workflow is gone or
   * cannot be reached. Steps that run in the workflow ({@code wait}, {@code set}) have none.
   */
  default Map<String, Integer> attempts(String runId) {
    return Map.of();
  }

  /**
   * Requests cancellation of the run's workflow.
   *
   * @return false if the workflow is unknown or already closed
   * @throws RuntimeException if the workflow service cannot be reached
   */
  boolean cancel(String runId);
}
