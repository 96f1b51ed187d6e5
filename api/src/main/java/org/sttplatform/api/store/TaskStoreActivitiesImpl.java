package org.sttplatform.api.store;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sttplatform.storage.FileStore;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.RunTask;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;

/**
 * The task-store activities, served on the {@code stt-store} queue by the nodes that own the task
 * database. Each call is one {@link TaskStore} write, so it is idempotent, and a deleted task is
 * ignored. Database errors propagate and are retried by Temporal.
 *
 * <p>Not registered with a worker here: the worker configuration registers this bean.
 */
@Component
public class TaskStoreActivitiesImpl implements TaskStoreActivities {

  private static final Logger log = LoggerFactory.getLogger(TaskStoreActivitiesImpl.class);

  private final TaskStore store;
  private final FileStore files;

  /**
   * @param files where the transcripts' keys lead
   */
  public TaskStoreActivitiesImpl(TaskStore store, FileStore files) {
    this.store = store;
    this.files = files;
  }

  @Override
  public void stageChanged(long taskId, String stage, double progress) {
    store.stageChanged(taskId, stage, progress);
  }

  /**
   * Inserts the row (normal priority, the worker's default decode options unless the step names a
   * model) and marks it processing with the step's id as its stage.
   */
  @Override
  public long taskForStep(RunTask task) {
    NewTask row =
        new NewTask(
            task.translate() ? TaskType.TRANSLATE : TaskType.TRANSCRIBE,
            TaskPriority.NORMAL,
            NewTask.WHISPER_CPP,
            task.model(),
            "",
            "",
            null,
            null,
            null,
            task.durationSeconds(),
            null,
            DecodeOptions.defaults(),
            new TaskRecord.RunLink(task.runId(), task.stepKey()));
    long id = store.taskForStep(task, row);
    String stepId = task.stepKey().replaceFirst("#\\d+$", "");
    store.stageChanged(id, stepId, 0.0);
    return id;
  }

  @Override
  public void mediaProbed(long taskId, MediaRef media, MediaInfo info) {
    store.mediaProbed(taskId, media, info);
  }

  /**
   * Reads the transcript JSON {@code transcript.key()} names and stores it.
   *
   * @throws ApplicationFailure non-retryable {@link Failures#TRANSCRIPT_UNREADABLE} if the file is
   *     missing, unreadable or not a transcript
   */
  @Override
  public void completed(long taskId, TranscriptRef transcript) {
    Transcript result = read(taskId, transcript);
    if (result.language() == null && transcript.language() != null) {
      result =
          new Transcript(
              result.text(),
              transcript.language(),
              result.languageProbability(),
              result.duration(),
              result.engine(),
              result.model(),
              result.engineSeconds(),
              result.segments(),
              result.vad());
    }
    store.completed(taskId, result);
  }

  @Override
  public void failed(long taskId, String message) {
    store.failed(taskId, message);
  }

  private Transcript read(long taskId, TranscriptRef ref) {
    if (ref == null || ref.key() == null || ref.key().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The transcript of task " + taskId + " has no storage key",
          Failures.TRANSCRIPT_UNREADABLE);
    }
    Path file;
    try {
      file = files.localFile(ref.key());
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The transcript of task " + taskId + " has an invalid storage key: " + e.getMessage(),
          Failures.TRANSCRIPT_UNREADABLE);
    }
    if (!Files.isRegularFile(file)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The transcript file of task " + taskId + " is missing: " + file,
          Failures.TRANSCRIPT_UNREADABLE);
    }
    try {
      Transcript transcript = StoreJson.transcript(file);
      if (transcript == null) {
        throw new IOException("the file holds JSON null");
      }
      return transcript;
    } catch (IOException e) {
      log.warn("Cannot read transcript {} of task {}", file, taskId, e);
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "The transcript file of task " + taskId + " cannot be read (" + file + "): " + e,
          Failures.TRANSCRIPT_UNREADABLE,
          e);
    }
  }
}
