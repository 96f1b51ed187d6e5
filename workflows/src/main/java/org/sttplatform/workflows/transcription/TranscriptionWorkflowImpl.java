package org.sttplatform.workflows.transcription;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.ProbedAudio;
import org.sttplatform.workflows.model.Stage;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.TranscriptionOutcome;
import org.sttplatform.workflows.model.TranscriptionRequest;

/** The Java transcription pipeline. See {@link TranscriptionWorkflow}. */
public class TranscriptionWorkflowImpl implements TranscriptionWorkflow {

  /**
   * Version marker of the quicker hand-offs: task-row writes not awaited, and probe and extraction
   * as one activity ({@code probeAndExtract}). Runs started before it replay their own steps.
   */
  static final String HANDOFFS = "handoffs";

  private final MediaActivities fetcher =
      Workflow.newActivityStub(MediaActivities.class, ActivityDefaults.fetch());
  private final MediaActivities media =
      Workflow.newActivityStub(MediaActivities.class, ActivityDefaults.media());
  private final TranscriptionActivities engine =
      Workflow.newActivityStub(TranscriptionActivities.class, ActivityDefaults.transcribe());
  private final TaskStoreActivities store =
      Workflow.newActivityStub(TaskStoreActivities.class, ActivityDefaults.store());

  private TaskProgress progress = new TaskProgress(Stage.QUEUED, Stage.QUEUED.startsAt());
  private final List<Promise<Void>> rowWrites = new ArrayList<>();
  private boolean quickHandoffs;

  @Override
  public TranscriptionOutcome run(TranscriptionRequest request) {
    long taskId = request.taskId();
    quickHandoffs = Workflow.getVersion(HANDOFFS, Workflow.DEFAULT_VERSION, 1) == 1;
    try {
      MediaRef source;
      if (request.uploadPath() != null) {
        source = new MediaRef(request.uploadPath(), null, -1);
      } else {
        enter(taskId, Stage.DOWNLOADING);
        source = fetcher.fetch(taskId, request.mediaUrl());
      }

      enter(taskId, Stage.EXTRACTING_AUDIO);
      AudioRef audio;
      if (request.uploadInfo() != null) {
        // An upload the API probed at create (its result is stored with the task) is not probed
        // again: that would be a second ffprobe run over the same file.
        audio = media.extractAudio(taskId, source);
      } else if (quickHandoffs) {
        ProbedAudio probed = media.probeAndExtract(taskId, source);
        // Not awaited either (joined before completed): it only fills in the row's media facts.
        rowWrites.add(Async.procedure(store::mediaProbed, taskId, source, probed.info()));
        audio = probed.audio();
      } else {
        // A run started before HANDOFFS replays its own steps.
        MediaInfo info = media.probe(source);
        store.mediaProbed(taskId, source, info);
        audio = media.extractAudio(taskId, source);
      }

      enter(taskId, Stage.TRANSCRIBING);
      TranscriptRef transcript =
          engine.transcribe(
              new TranscribeInput(
                  taskId, audio, request.translate(), request.model(), request.options()));

      awaitRowWrites();
      enter(taskId, Stage.STORING);
      store.completed(taskId, transcript);
      progress = new TaskProgress(Stage.COMPLETED, Stage.COMPLETED.startsAt());
      cleanUpQuietly(taskId);
      return new TranscriptionOutcome(taskId, transcript);
    } catch (CanceledFailure cancelled) {
      cleanUpAfterCancel(taskId);
      throw cancelled;
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure) {
        cleanUpAfterCancel(taskId);
        throw failure;
      }
      String message = Failures.describe(failure);
      progress = new TaskProgress(Stage.FAILED, progress.progress());
      try {
        // Detached: a delete (cancel) arriving now must not cut the failure path short. The write
        // is idempotent and ignored for a deleted row.
        Workflow.newDetachedCancellationScope(() -> store.failed(taskId, message)).run();
      } finally {
        // Also when the store cannot be written: the working files must go either way.
        cleanUpQuietly(taskId);
      }
      if (CancellationScope.current().isCancelRequested()) {
        // The task was deleted meanwhile: end like any other deleted task.
        throw new CanceledFailure("The task was deleted while its failure was recorded");
      }
      throw ApplicationFailure.newNonRetryableFailure(message, Failures.TASK_FAILED);
    }
  }

  @Override
  public TaskProgress progress() {
    return progress;
  }

  /**
   * Deletes the task's working files. Runs in a detached scope, so it also runs (and is not
   * interrupted) when the workflow is being cancelled; a failure is logged, not thrown: leftover
   * files must not turn a finished, failed or cancelled task into a failed workflow.
   */
  private void cleanUpQuietly(long taskId) {
    try {
      Workflow.newDetachedCancellationScope(() -> media.cleanUp(taskId)).run();
    } catch (ActivityFailure e) {
      Workflow.getLogger(TranscriptionWorkflowImpl.class)
          .warn(
              "Could not clean up the working files of task {}: {}", taskId, Failures.describe(e));
    }
  }

  /** The task is being deleted: its row is gone, only the working files need removing. */
  private void cleanUpAfterCancel(long taskId) {
    // The workflow's own scope is cancelled, so the clean-up runs in a detached one; its failure
    // is logged so that the workflow still ends cancelled.
    cleanUpQuietly(taskId);
  }

  private void enter(long taskId, Stage stage) {
    progress = new TaskProgress(stage, stage.startsAt());
    // Not awaited: an awaited write costs a Temporal round trip per stage. The store only moves a
    // row's progress forward, so a write overtaken by the next one (or by completed) is a no-op.
    if (quickHandoffs) {
      rowWrites.add(Async.procedure(store::stageChanged, taskId, stage, stage.startsAt()));
    } else {
      store.stageChanged(taskId, stage, stage.startsAt());
    }
  }

  /** Fails the task if a row write failed (they are long done by then: no extra wait). */
  private void awaitRowWrites() {
    Promise.allOf(rowWrites).get();
  }
}
