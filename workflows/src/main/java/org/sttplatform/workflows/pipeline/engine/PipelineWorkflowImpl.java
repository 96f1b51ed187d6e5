package org.sttplatform.workflows.pipeline.engine;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.callback.CallbackWorkflow;
import org.sttplatform.workflows.pipeline.Durations;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.ComponentSpec;
import org.sttplatform.workflows.pipeline.definition.ForEachSpec;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.definition.StepSpec;
import org.sttplatform.workflows.pipeline.expr.Expressions;
import org.sttplatform.workflows.pipeline.expr.Scope;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * The pipeline interpreter. Starts every step whose dependencies have ended (so independent steps
 * run in parallel), in definition order, and records each step's state for the {@code state} query.
 * A failed step with {@code on_failure: fail} stops new steps from starting; the running ones end,
 * its compensating step runs if it names one, and the run fails with the step's message.
 *
 * <p>When the run ends (completed, failed or cancelled) it tells the run store ({@link
 * RunStoreActivities} on the store queue), after the clean-up, so that the run's row holds the
 * final status. A task run with a callback then starts its delivery ({@link #startCallback}).
 *
 * <p>Deterministic: the definition travels in the workflow input; the registry is the same code on
 * every worker; expressions use no clock, randomness or hash order.
 */
public class PipelineWorkflowImpl implements PipelineWorkflow {
  private static final Logger log = Workflow.getLogger(PipelineWorkflowImpl.class);

  private final ComponentRegistry registry;
  private final double splitSeconds;
  private final Map<String, Double> partial = new LinkedHashMap<>();
  private TaskRows rows;
  private StepInvoker invoker;
  private final RunStoreActivities runStore =
      Workflow.newActivityStub(RunStoreActivities.class, ActivityDefaults.store());
  private final Map<String, StepState> steps = new LinkedHashMap<>();
  private final Map<String, Double> weights = new LinkedHashMap<>();
  private String status = RunState.RUNNING;
  private Map<String, Object> outputs;
  private String error;

  /** With the components {@link ComponentRegistry#discover()} finds. */
  public PipelineWorkflowImpl() {
    this(ComponentRegistry.discover());
  }

  public PipelineWorkflowImpl(ComponentRegistry registry) {
    this(registry, LongFileSplit.DEFAULT_SPAN_SECONDS);
  }

  /**
   * @param splitSeconds audio longer than this is transcribed in parts, in parallel ({@link
   *     LongFileSplit}; the CPU workers' {@code STT_SPLIT_SECONDS}); 0: never
   */
  public PipelineWorkflowImpl(ComponentRegistry registry, double splitSeconds) {
    this.registry = registry;
    this.splitSeconds = splitSeconds;
  }

  @Override
  public Map<String, Object> run(PipelineRun run) {
    PipelineDefinition definition = run.definition();
    rows = new TaskRows(run);
    invoker = new StepInvoker(registry, rows, splitSeconds, partial);
    StepGraph graph = StepGraph.of(definition);
    for (StepSpec step : definition.steps()) {
      steps.put(step.id(), StepState.pending());
      weights.put(
          step.id(),
          registry.find(step.component()).map(ComponentSpec::progressWeight).orElse(0.0));
    }
    try {
      StepSpec failed = runSteps(run, graph);
      if (failed != null) {
        String stepError = steps.get(failed.id()).error();
        compensate(run, failed);
        // A task row shows the step's own message, as it always did.
        throw fail("Step '" + failed.id() + "' failed: " + stepError, stepError);
      }
      try {
        outputs = resolveOutputs(run);
      } catch (RuntimeException e) {
        // E.g. an output that reads a skipped step's output. Thrown as it is, it would fail the
        // workflow task again and again and the run would never end.
        String why = "The outputs cannot be computed: " + e.getMessage();
        throw fail(why, why);
      }
      try {
        rows.runCompleted();
      } catch (ActivityFailure failure) {
        if (failure.getCause() instanceof CanceledFailure cancelled) {
          throw cancelled;
        }
        String why = Failures.describe(failure);
        throw fail(why, why);
      }
      status = RunState.COMPLETED;
      return outputs;
    } catch (CanceledFailure cancelled) {
      status = RunState.CANCELLED;
      error = "The run was cancelled";
      throw cancelled;
    } finally {
      cleanUp(run);
      recordEnd(run);
      startCallback(run);
    }
  }

  /**
   * A task run with a callback that ended completed or failed (its row is written by now) starts
   * the delivery as a child of its own ({@link WorkflowIds#callback}), abandoned: the delivery can
   * take the whole retry window and must neither hold the run open nor change its result. Not after
   * a cancellation (a deleted task). Only such runs add commands, so histories of other runs replay
   * unchanged.
   */
  private void startCallback(PipelineRun run) {
    if (!run.callback()
        || !rows.drivesTask()
        || !(RunState.COMPLETED.equals(status) || RunState.FAILED.equals(status))) {
      return;
    }
    long taskId = run.taskId();
    try {
      Workflow.newDetachedCancellationScope(
              () -> {
                CallbackWorkflow delivery =
                    Workflow.newChildWorkflowStub(
                        CallbackWorkflow.class,
                        ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(WorkflowIds.callback(taskId))
                            .setTaskQueue(TaskQueues.CPU)
                            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                            .build());
                Async.procedure(delivery::deliver, taskId);
                // Wait until it has started: a child not yet started when the parent closes is
                // not started at all.
                Workflow.getWorkflowExecution(delivery).get();
              })
          .run();
    } catch (ChildWorkflowFailure e) {
      // E.g. a redelivery of the same task is already running: that one delivers.
      log.warn("Could not start the callback of task {}: {}", taskId, e.getMessage());
    }
  }

  /** Marks the run failed (its task row too) and returns the failure to throw. */
  private ApplicationFailure fail(String runError, String taskMessage) {
    error = runError;
    status = RunState.FAILED;
    rows.runFailed(taskMessage);
    return ApplicationFailure.newNonRetryableFailure(runError, Failures.RUN_FAILED);
  }

  /**
   * Tells the run store how the run ended; detached, so that it also happens after a cancellation.
   * Nothing is recorded while the status is still running: that is an unexpected exception, which
   * fails the workflow task and is retried, so the run has not ended. A run that drives a task has
   * no run row: its task row was written instead.
   */
  private void recordEnd(PipelineRun run) {
    if (RunState.RUNNING.equals(status) || rows.drivesTask()) {
      return;
    }
    try {
      Workflow.newDetachedCancellationScope(
              () -> runStore.runEnded(run.runId(), status, outputs, error))
          .run();
    } catch (ActivityFailure e) {
      // Out of retries (the store was down for a quarter of an hour): the run's own result stays
      // what it is; its row keeps the last status it had.
      log.error("Could not record the end of run {}: {}", run.runId(), e.getMessage());
    }
  }

  @Override
  public RunState state() {
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
  private double progress() {
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

  /** Runs the steps; returns the step whose failure fails the run, or {@code null}. */
  private StepSpec runSteps(PipelineRun run, StepGraph graph) {
    Map<String, Promise<Void>> running = new LinkedHashMap<>();
    StepSpec failed = null;
    while (true) {
      if (failed == null) {
        for (StepSpec step : run.definition().steps()) {
          if (isReady(step, graph, running)) {
            steps.put(step.id(), steps.get(step.id()).running(Workflow.currentTimeMillis()));
            running.put(step.id(), Async.procedure(() -> execute(run, step)));
          }
        }
      }
      if (running.isEmpty()) {
        return failed;
      }
      Promise.anyOf(running.values()).get();
      for (StepSpec step : run.definition().steps()) {
        Promise<Void> p = running.get(step.id());
        if (p != null && p.isCompleted()) {
          running.remove(step.id());
          p.get(); // a cancellation of the run ends it here
          if (failed == null
              && StepState.FAILED.equals(steps.get(step.id()).status())
              && !StepSpec.CONTINUE.equals(step.onFailure())) {
            failed = step;
          }
        }
      }
    }
  }

  private boolean isReady(StepSpec step, StepGraph graph, Map<String, Promise<Void>> running) {
    if (running.containsKey(step.id())
        || !StepState.PENDING.equals(steps.get(step.id()).status())
        || graph.isCompensator(step.id())) {
      return false;
    }
    for (String dependency : graph.dependencies(step.id())) {
      StepState d = steps.get(dependency);
      if (d == null || !d.ended()) {
        return false;
      }
    }
    return true;
  }

  /** Runs one step to its end state; only the run's cancellation escapes. */
  private void execute(PipelineRun run, StepSpec step) {
    try {
      Scope scope = scope(run);
      if (step.condition() != null && !Expressions.condition(step.condition()).test(scope)) {
        steps.put(step.id(), steps.get(step.id()).skipped(Workflow.currentTimeMillis()));
        return;
      }
      if (step.delay() != null) {
        Workflow.sleep(Durations.parse(step.delay()));
      }
      rows.stepStarted(step.id(), progress());
      Object output =
          step.forEach() == null
              ? invoker.invoke(run, step, params(step, scope), null)
              : forEach(run, step, scope);
      steps.put(step.id(), steps.get(step.id()).completed(Workflow.currentTimeMillis(), output));
    } catch (CanceledFailure cancelled) {
      throw cancelled;
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure cancelled) {
        throw cancelled;
      }
      fail(step, Failures.describe(failure));
    } catch (RuntimeException e) {
      // A bad reference, a type mismatch, a failed compensation: the step's own fault.
      fail(step, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private void fail(StepSpec step, String message) {
    log.info("Step {} failed: {}", step.id(), message);
    steps.put(step.id(), steps.get(step.id()).failed(Workflow.currentTimeMillis(), message));
  }

  /**
   * Runs the step once per element, at most {@code max_concurrency} at a time, outputs in order.
   */
  private List<Object> forEach(PipelineRun run, StepSpec step, Scope scope) {
    ForEachSpec spec = step.forEach();
    Object items = Expressions.resolve(spec.items(), scope);
    if (!(items instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "for_each items " + spec.items() + " is not a list but " + describeType(items));
    }
    int max = Math.max(1, spec.effectiveMaxConcurrency(scope));
    List<Promise<Object>> results = new ArrayList<>();
    List<Promise<Object>> inFlight = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      while (inFlight.size() >= max) {
        Promise.anyOf(inFlight).get();
        inFlight.removeIf(Promise::isCompleted);
      }
      // The steps' view is the same for every element: only the element changes.
      Map<String, Object> params = params(step, scope.withItem(list.get(i), i));
      int element = i;
      Promise<Object> result = Async.function(() -> invoker.invoke(run, step, params, element));
      results.add(result);
      inFlight.add(result);
    }
    List<Object> outputs = new ArrayList<>();
    for (Promise<Object> result : results) {
      outputs.add(result.get()); // the first failed element fails the step
    }
    return outputs;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> params(StepSpec step, Scope scope) {
    return step.params() == null
        ? Map.of()
        : (Map<String, Object>) Expressions.resolve(step.params(), scope);
  }

  private void compensate(PipelineRun run, StepSpec failed) {
    String compensator = failed.onFailure();
    if (compensator == null
        || StepSpec.FAIL.equals(compensator)
        || StepSpec.CONTINUE.equals(compensator)) {
      return;
    }
    for (StepSpec step : run.definition().steps()) {
      if (step.id().equals(compensator)) {
        steps.put(step.id(), steps.get(step.id()).running(Workflow.currentTimeMillis()));
        // Detached: a compensation also runs when the failure came with a cancellation.
        Workflow.newDetachedCancellationScope(() -> execute(run, step)).run();
      }
    }
  }

  private Map<String, Object> resolveOutputs(PipelineRun run) {
    Map<String, Object> declared = run.definition().outputs();
    if (declared == null || declared.isEmpty()) {
      return Map.of();
    }
    Object resolved = Expressions.resolve(declared, scope(run));
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) resolved;
    return new LinkedHashMap<>(map);
  }

  /** Inputs and every step's status and output so far (a for_each adds its element). */
  private Scope scope(PipelineRun run) {
    Map<String, Object> byStep = new LinkedHashMap<>();
    for (Map.Entry<String, StepState> e : steps.entrySet()) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("status", e.getValue().status());
      view.put("output", e.getValue().output());
      byStep.put(e.getKey(), view);
    }
    return new Scope(run.inputs(), byStep, null, null);
  }

  /** Removes the run's working folder, also after a failure or cancellation; never throws. */
  private void cleanUp(PipelineRun run) {
    CancellationScope scope = Workflow.newDetachedCancellationScope(() -> invoker.cleanUp(run));
    try {
      scope.run();
    } catch (ActivityFailure e) {
      log.warn("Could not remove the working folder of run {}: {}", run.runId(), e.getMessage());
    }
  }

  private static String describeType(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
