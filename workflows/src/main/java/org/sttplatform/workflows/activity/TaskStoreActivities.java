package org.sttplatform.workflows.activity;

import io.temporal.activity.ActivityInterface;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.RunTask;
import org.sttplatform.workflows.model.TranscriptRef;

/**
 * Mirrors a pipeline run's progress into its task row (see {@code TaskRows} in the engine). Served
 * by the nodes that own the task database. Every method is idempotent; a row that was deleted
 * meanwhile is ignored.
 */
@ActivityInterface
public interface TaskStoreActivities {

  /**
   * Records the current stage and overall progress (0.0 to 1.0). Forward only: a call with less
   * progress than already recorded is ignored, so callers need not wait for one before the next.
   */
  void stageChanged(long taskId, String stage, double progress);

  /**
   * The task row of a pipeline step that transcribes (a step of a definition run, which has no row
   * of its own): created processing on the first call, the same id on every later call with the
   * same run and step key, so a retried call creates no second row.
   *
   * @return the task's id
   */
  long taskForStep(RunTask task);

  /** Records the media's name, size and duration. */
  void mediaProbed(long taskId, MediaRef media, MediaInfo info);

  /** Reads the transcript file and stores it as the task result; marks the task completed. */
  void completed(long taskId, TranscriptRef transcript);

  /** Marks the task failed with a message for the user. */
  void failed(long taskId, String message);
}
