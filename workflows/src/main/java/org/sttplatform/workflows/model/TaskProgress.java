package org.sttplatform.workflows.model;

/**
 * Where a task stands: its stage and overall progress.
 *
 * @param stage {@link TaskStages#QUEUED}, {@link TaskStages#COMPLETED}, {@link TaskStages#FAILED},
 *     or the id of the pipeline step that runs now (e.g. {@code downloading})
 * @param progress overall progress from 0.0 to 1.0
 */
public record TaskProgress(String stage, double progress) {}
