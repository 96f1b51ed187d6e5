package org.sttplatform.workflows.pipeline.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.RunTask;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;
import org.sttplatform.workflows.pipeline.component.ComponentInputs;
import org.sttplatform.workflows.pipeline.component.ComponentSpec;
import org.sttplatform.workflows.pipeline.component.io.ProbeOutput;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * The task rows a run writes (through {@link TaskStoreActivities} on the store queue), the one
 * place that mirrors a run into the seed API's tasks:
 *
 * <ul>
 *   <li>A run that drives a task ({@link PipelineRun#taskId()}, a {@code tasks/create} task): the
 *       row shows each step as it starts (its id is the stage) with the run's progress, the probed
 *       media facts, and at the end the transcript (completed) or the failed step's message.
 *   <li>A definition run: each transcription (every element of a {@code for_each} too) gets a row
 *       of its own, completed with its transcript or failed with its message, so that {@code
 *       /api/whisper/tasks/result} shows it; the step's output names it ({@code task_id}).
 * </ul>
 *
 * <p>Stage writes are not awaited (each awaited write costs a Temporal round trip); the store only
 * moves a row's progress forward, so one overtaken by the next is a no-op. They are joined before
 * the row is completed.
 */
final class TaskRows {
  private static final Logger log = Workflow.getLogger(TaskRows.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The key of the transcript file reference in a transcribe output. */
  private static final String TRANSCRIPT = "transcript";

  private final TaskStoreActivities store =
      Workflow.newActivityStub(TaskStoreActivities.class, ActivityDefaults.store());
  private final Long boundTask;
  private final List<Promise<Void>> writes = new ArrayList<>();
  private TranscriptRef boundTranscript;

  TaskRows(PipelineRun run) {
    this.boundTask = run.taskId();
  }

  /** Whether the run drives a task row of its own (then no run row is written). */
  boolean drivesTask() {
    return boundTask != null;
  }

  /** The driven row shows the step that starts now. */
  void stepStarted(String stepId, double progress) {
    if (boundTask != null) {
      writes.add(Async.procedure(store::stageChanged, boundTask, stepId, progress));
    }
  }

  /** Whether a step of {@code component} transcribes, so that it writes a task row. */
  static boolean transcribes(ComponentSpec component) {
    return BuiltInComponents.TRANSCRIBE.equals(component.name());
  }

  /**
   * Runs a transcribing step against its task row: the driven task's, or one created for the step.
   * The transcript file reference is taken out of the output (it is a storage detail).
   *
   * @param stepKey the step's id, {@code #<index>} added for an element of a {@code for_each}
   * @param execute runs the component's activity with the input
   */
  Object transcribe(
      PipelineRun run,
      String stepKey,
      Map<String, Object> input,
      Function<Map<String, Object>, Object> execute) {
    long taskId = boundTask != null ? boundTask : store.taskForStep(newTask(run, stepKey, input));
    input.put(ComponentInputs.TASK_ID, taskId);
    Map<String, Object> output;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> returned = (Map<String, Object>) execute.apply(input);
      output = new LinkedHashMap<>(returned);
    } catch (ActivityFailure failure) {
      if (boundTask == null && !(failure.getCause() instanceof CanceledFailure)) {
        recordFailure(taskId, Failures.describe(failure));
      }
      throw failure;
    }
    // Kept in the output: a storage key (not a machine path) that later steps of the run, such as
    // subtitles, read the whole transcript (words too) from.
    TranscriptRef transcript = JSON.convertValue(output.get(TRANSCRIPT), TranscriptRef.class);
    if (boundTask != null) {
      boundTranscript = transcript; // stored when the run completes
    } else {
      store.completed(taskId, transcript);
    }
    return output;
  }

  /** After any other activity step: a probe's facts go to the driven row (not awaited). */
  void stepCompleted(ComponentSpec component, Map<String, Object> input, Object output) {
    if (boundTask == null || !(output instanceof Map<?, ?> out)) {
      return;
    }
    Object probe =
        BuiltInComponents.PROBE.equals(component.name())
            ? out
            : BuiltInComponents.EXTRACT_AUDIO.equals(component.name()) ? out.get("probe") : null;
    if (probe != null) {
      MediaRef media = JSON.convertValue(input.get("media"), MediaRef.class);
      ProbeOutput facts = JSON.convertValue(probe, ProbeOutput.class);
      writes.add(Async.procedure(store::mediaProbed, boundTask, media, facts.toInfo()));
    }
  }

  /**
   * The run completed: the driven row gets its transcript. An activity failure here (the transcript
   * cannot be read) propagates, and the caller fails the run.
   */
  void runCompleted() {
    if (boundTask == null) {
      return;
    }
    Promise.allOf(writes).get();
    if (boundTranscript == null) {
      throw new IllegalStateException(
          "The pipeline of task " + boundTask + " completed without a transcribe step");
    }
    store.completed(boundTask, boundTranscript);
  }

  /** The run failed: the driven row gets the message (also while the run is being cancelled). */
  void runFailed(String message) {
    if (boundTask != null) {
      recordFailure(boundTask, message);
    }
  }

  private void recordFailure(long taskId, String message) {
    try {
      // Detached: a delete (cancel) arriving now must not cut the failure path short. The write
      // is idempotent and ignored for a deleted row.
      Workflow.newDetachedCancellationScope(() -> store.failed(taskId, message)).run();
    } catch (ActivityFailure e) {
      log.error("Could not record the failure of task {}: {}", taskId, Failures.describe(e));
    }
  }

  private static RunTask newTask(PipelineRun run, String stepKey, Map<String, Object> input) {
    AudioRef audio = JSON.convertValue(input.get("audio"), AudioRef.class);
    return new RunTask(
        run.runId(),
        stepKey,
        "translate".equals(input.get("task")),
        input.get("model") instanceof String model ? model : null,
        audio == null ? null : audio.durationSeconds());
  }
}
