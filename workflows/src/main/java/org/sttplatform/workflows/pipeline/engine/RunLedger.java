package org.sttplatform.workflows.pipeline.engine;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttplatform.workflows.pipeline.expr.Scope;

/**
 * What the pipeline workflow knows of its run: each step's state and progress weight, the share
 * done of split steps, and the run's status, outputs and error. The one place the {@code state}
 * query, the task row's progress and the expressions' view of the steps are read from. Plain
 * bookkeeping: it issues no commands.
 */
final class RunLedger {
  private final Map<String, Double> partial = new LinkedHashMap<>();
  private final Map<String, StepState> steps = new LinkedHashMap<>();
  private final Map<String, Double> weights = new LinkedHashMap<>();
  private String status = RunState.RUNNING;
  private Map<String, Object> outputs;
  private String error;

  /** Adds a step of the definition, pending, with its component's progress weight. */
  void add(String stepId, double weight) {
    steps.put(stepId, StepState.pending());
    weights.put(stepId, weight);
  }

  /** The split steps' finished shares, by step key, written by the {@link StepInvoker}. */
  Map<String, Double> partial() {
    return partial;
  }

  StepState step(String stepId) {
    return steps.get(stepId);
  }

  void stepRunning(String stepId) {
    steps.put(stepId, steps.get(stepId).running(Workflow.currentTimeMillis()));
  }

  void stepSkipped(String stepId) {
    steps.put(stepId, steps.get(stepId).skipped(Workflow.currentTimeMillis()));
  }

  void stepCompleted(String stepId, Object output) {
    steps.put(stepId, steps.get(stepId).completed(Workflow.currentTimeMillis(), output));
  }

  void stepFailed(String stepId, String message) {
    steps.put(stepId, steps.get(stepId).failed(Workflow.currentTimeMillis(), message));
  }

  String status() {
    return status;
  }

  Map<String, Object> outputs() {
    return outputs;
  }

  String error() {
    return error;
  }

  void outputs(Map<String, Object> outputs) {
    this.outputs = outputs;
  }

  void completed() {
    status = RunState.COMPLETED;
  }

  void failed(String runError) {
    error = runError;
    status = RunState.FAILED;
  }

  void cancelled() {
    status = RunState.CANCELLED;
    error = "The run was cancelled";
  }

  /** The run's state as the {@code state} query returns it. */
  RunState state() {
    List<String> running = new ArrayList<>();
    for (Map.Entry<String, StepState> e : steps.entrySet()) {
      if (StepState.RUNNING.equals(e.getValue().status())) {
        running.add(e.getKey());
      }
    }
    double total = totalWeight();
    Map<String, Double> shares = new LinkedHashMap<>();
    for (String id : steps.keySet()) {
      double w = weights.getOrDefault(id, 0.0);
      shares.put(id, total > 0 ? w / total : 1.0 / steps.size());
    }
    Map<String, Double> within = new LinkedHashMap<>();
    for (String id : running) {
      if (partial.containsKey(id)) {
        within.put(id, partial.get(id));
      }
    }
    return new RunState(
        status,
        progress(),
        running,
        Collections.unmodifiableMap(new LinkedHashMap<>(steps)),
        outputs,
        error,
        shares,
        within.isEmpty() ? null : within);
  }

  /** The ended steps' share of the steps' progress weights (of their number if none weighs). */
  double progress() {
    if (RunState.COMPLETED.equals(status)) {
      return 1.0;
    }
    double total = totalWeight();
    double done = 0;
    long ended = 0;
    for (Map.Entry<String, StepState> e : steps.entrySet()) {
      if (e.getValue().ended()) {
        done += weights.getOrDefault(e.getKey(), 0.0);
        ended++;
      }
    }
    if (total > 0) {
      return done / total;
    }
    return steps.isEmpty() ? 0 : ended / (double) steps.size();
  }

  private double totalWeight() {
    double total = 0;
    for (String id : steps.keySet()) {
      total += weights.getOrDefault(id, 0.0);
    }
    return total;
  }

  /** Inputs and every step's status and output so far (a for_each adds its element). */
  Scope scope(PipelineRun run) {
    Map<String, Object> byStep = new LinkedHashMap<>();
    for (Map.Entry<String, StepState> e : steps.entrySet()) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("status", e.getValue().status());
      view.put("output", e.getValue().output());
      byStep.put(e.getKey(), view);
    }
    return new Scope(run.inputs(), byStep, null, null);
  }
}
