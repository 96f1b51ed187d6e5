package org.sttplatform.workflows;

/** Workflow IDs derived from business keys, so a task maps to exactly one workflow. */
public final class WorkflowIds {
  private static final String TASK_PREFIX = "stt-task-";
  private static final String RUN_PREFIX = "stt-run-";
  private static final String CALLBACK_PREFIX = "stt-callback-";

  private WorkflowIds() {}

  /** The ID of the transcription workflow of task {@code taskId}. */
  public static String transcription(long taskId) {
    return TASK_PREFIX + taskId;
  }

  /** The ID of the pipeline workflow of run {@code runId}. */
  public static String pipelineRun(String runId) {
    return RUN_PREFIX + runId;
  }

  /** The ID of the callback delivery workflow of task {@code taskId} (one delivery at a time). */
  public static String callback(long taskId) {
    return CALLBACK_PREFIX + taskId;
  }
}
