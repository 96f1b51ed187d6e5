package org.sttplatform.workflows.pipeline.engine;

import java.util.Map;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * The input of a pipeline run: the definition itself (the exact version that was started, so that
 * an edit of the stored definition changes neither a running nor a replayed run) and the inputs.
 *
 * @param runId the run's id (also the name of its working folder)
 * @param definition a valid definition (validated by the caller)
 * @param inputs every declared input, defaults applied
 * @param taskId the task row this run drives (a {@code tasks/create} task: the row shows the
 *     running step, the progress, the failure or the transcript, and no run row is written), or
 *     {@code null} for a definition run, whose row in the run store records its end
 * @param callback whether the driven task has a {@code callback_url}: when the run ends completed
 *     or failed, the engine starts its delivery ({@link
 *     org.sttplatform.workflows.callback.CallbackWorkflow}); the URL itself stays in the task row
 */
public record PipelineRun(
    String runId,
    PipelineDefinition definition,
    Map<String, Object> inputs,
    Long taskId,
    boolean callback) {

  /** A definition run (no task row of its own). */
  public PipelineRun(String runId, PipelineDefinition definition, Map<String, Object> inputs) {
    this(runId, definition, inputs, null, false);
  }

  /** A run without a callback. */
  public PipelineRun(
      String runId, PipelineDefinition definition, Map<String, Object> inputs, Long taskId) {
    this(runId, definition, inputs, taskId, false);
  }
}
