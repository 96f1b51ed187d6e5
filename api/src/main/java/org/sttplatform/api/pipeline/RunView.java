package org.sttplatform.api.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sttplatform.api.store.RunRecord;
import org.sttplatform.workflows.pipeline.engine.RunState;
import org.sttplatform.workflows.pipeline.engine.StepState;

/**
 * A run as the API shows it: the row, and the workflow's live state when it can be queried. The
 * row's final status wins over the state (a run the API cancelled stays {@code cancelled}); a
 * running row takes the workflow's status, outputs and error, which are ahead of it.
 */
final class RunView {
  private RunView() {}

  /**
   * The run, with its steps if {@code state} is given.
   *
   * @param attempts step id → attempts its activities made (absent: none, or not known)
   */
  static Map<String, Object> of(RunRecord row, RunState state, Map<String, Integer> attempts) {
    Map<String, Object> v = new LinkedHashMap<>();
    boolean live = state != null && !row.ended();
    v.put("run_id", row.runId());
    v.put("definition_id", row.definitionId());
    v.put("definition_version", row.definitionVersion());
    v.put("status", live ? state.status() : row.status());
    v.put("progress", progress(row, state));
    v.put("inputs", row.inputs());
    v.put("outputs", live ? state.outputs() : row.outputs());
    v.put("error", live ? state.error() : row.error());
    v.put("created_at", PipelineJson.time(row.createdAt()));
    v.put("updated_at", PipelineJson.time(row.updatedAt()));
    v.put("ended_at", PipelineJson.time(row.endedAt()));
    if (state != null) {
      v.put("running", state.running());
      Map<String, Object> steps = new LinkedHashMap<>();
      state.steps().forEach((id, step) -> steps.put(id, step(step, attempts.get(id))));
      v.put("steps", steps);
    } else {
      // The workflow is gone (e.g. the embedded server restarted) or unreachable: the row only.
      v.put("running", null);
      v.put("steps", null);
    }
    return v;
  }

  private static Double progress(RunRecord row, RunState state) {
    if (RunRecord.COMPLETED.equals(row.status())) {
      return 1.0;
    }
    return state == null ? null : state.progress();
  }

  private static Map<String, Object> step(StepState s, Integer attempts) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("status", s.status());
    v.put("attempts", attempts);
    v.put("started_at", PipelineJson.time(s.startedAt()));
    v.put("ended_at", PipelineJson.time(s.endedAt()));
    v.put("output", s.output());
    v.put("error", s.error());
    return v;
  }

  /** The answer to a created run. */
  static Map<String, Object> created(RunRecord row) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("run_id", row.runId());
    v.put("status", row.status());
    v.put("definition_id", row.definitionId());
    v.put("definition_version", row.definitionVersion());
    return v;
  }

  /** A {@link RunState} status is final once it is not {@code running}. */
  static boolean ended(RunState state) {
    return state != null && !RunState.RUNNING.equals(state.status());
  }
}
