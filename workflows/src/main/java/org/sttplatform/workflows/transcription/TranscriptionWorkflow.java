package org.sttplatform.workflows.transcription;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.TranscriptionOutcome;
import org.sttplatform.workflows.model.TranscriptionRequest;

/**
 * One task: fetch the media, extract audio, transcribe, store the result. Its ID is {@link
 * org.sttplatform.workflows.WorkflowIds#transcription(long)}; cancelling it cancels the task.
 */
@WorkflowInterface
public interface TranscriptionWorkflow {

  /** The name of the {@link #progress} query. */
  String PROGRESS_QUERY = "progress";

  /**
   * Runs the pipeline. A task that cannot be done (bad media, no model…) is marked failed in the
   * store and the workflow fails with the same message.
   */
  @WorkflowMethod
  TranscriptionOutcome run(TranscriptionRequest request);

  /** The current stage and overall progress. */
  @QueryMethod(name = PROGRESS_QUERY)
  TaskProgress progress();
}
