package org.sttplatform.api.workflow;

import java.util.Optional;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.TranscriptionRequest;

/** Starts, inspects and cancels the workflow behind a task. */
public interface TaskWorkflows {

  /**
   * Starts the transcription workflow of {@code request.taskId()}; if it is already running, this
   * does nothing.
   */
  void start(TranscriptionRequest request, TaskPriority priority);

  /**
   * The live stage and progress of the task's workflow (transcription progress included), or empty
   * if the workflow is not running or cannot be reached.
   */
  Optional<TaskProgress> progress(long taskId);

  /**
   * Requests cancellation of the task's workflow; a finished or unknown workflow is ignored.
   *
   * @throws RuntimeException if the workflow service cannot be reached
   */
  void cancel(long taskId);

  /** Whether the Temporal frontend answers. */
  boolean reachable();
}
