package org.sttplatform.workflows.pipeline.engine;

import java.util.Map;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * The input of a pipeline run: the definition itself (the exact version that was started, so that
 * an edit of the stored definition changes neither a running nor a replayed run) and the inputs.
 *
 * @param runId the run's id (also its workflow id and the name of its working folder)
 * @param definition a valid definition (validated by the caller)
 * @param inputs every declared input, defaults applied
 */
public record PipelineRun(
    String runId, PipelineDefinition definition, Map<String, Object> inputs) {}
