package org.sttplatform.workflows.model;

/**
 * Where a task stands, as the workflow's {@code progress} query returns it.
 *
 * @param stage current stage
 * @param progress overall progress from 0.0 to 1.0
 */
public record TaskProgress(Stage stage, double progress) {}
