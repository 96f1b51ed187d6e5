package org.sttplatform.workflows;

/** Workflow IDs derived from business keys, so a task maps to exactly one workflow. */
public final class WorkflowIds {
  private static final String TASK_PREFIX = "stt-task-";
  private static final String RUN_PREFIX = "stt-run-";

  private WorkflowIds() {}

  /** The ID of the transcription workflow of task {@code taskId}. */
  public static String transcription(long taskId) {
    return TASK_PREFIX + taskId;
  }

  /** The ID of the pipeline workflow of run {@code runId}. */
  public static String pipelineRun(String runId) {
    return RUN_PREFIX + runId;
  }
}
