package org.sttplatform.workflows.model;

/**
 * The stages of a task row outside its pipeline's steps. While a step runs, the task's stage is
 * that step's id (the seed pipeline's steps are named {@code downloading}, {@code extracting_audio}
 * and {@code transcribing}, the stage names the seed API always showed); the pipeline defines them,
 * so there is no closed list here.
 */
public final class TaskStages {
  /** Created, no step started yet. */
  public static final String QUEUED = "queued";

  /** The result is stored. */
  public static final String COMPLETED = "completed";

  /** The task failed; its progress stays where it was. */
  public static final String FAILED = "failed";

  private TaskStages() {}
}
