package org.sttplatform.workflows.pipeline.engine;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.pipeline.Durations;
import org.sttplatform.workflows.pipeline.definition.ForEachSpec;
import org.sttplatform.workflows.pipeline.definition.StepSpec;
import org.sttplatform.workflows.pipeline.expr.Expressions;
import org.sttplatform.workflows.pipeline.expr.Scope;

/**
 * Runs a run's steps for the pipeline workflow: starts every step whose dependencies have ended, in
 * definition order, runs each to its end state (its condition, delay and {@code for_each} applied,
 * its component run by the {@link StepInvoker}) and records it in the {@link RunLedger}; runs a
 * failed step's compensating step.
 */
final class StepRunner {
  // Logs under the workflow's name, as it did before this code moved here.
  private static final Logger log = Workflow.getLogger(PipelineWorkflowImpl.class);

  private final RunLedger ledger;
  private final StepInvoker invoker;
  private final TaskRows rows;

  StepRunner(RunLedger ledger, StepInvoker invoker, TaskRows rows) {
    this.ledger = ledger;
    this.invoker = invoker;
    this.rows = rows;
  }

  /** Runs the steps; returns the step whose failure fails the run, or {@code null}. */
  StepSpec runSteps(PipelineRun run, StepGraph graph) {
    Map<String, Promise<Void>> running = new LinkedHashMap<>();
    StepSpec failed = null;
    while (true) {
      if (failed == null) {
        for (StepSpec step : run.definition().steps()) {
          if (isReady(step, graph, running)) {
            ledger.stepRunning(step.id());
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
              && StepState.FAILED.equals(ledger.step(step.id()).status())
              && !StepSpec.CONTINUE.equals(step.onFailure())) {
            failed = step;
          }
        }
      }
    }
  }

  private boolean isReady(StepSpec step, StepGraph graph, Map<String, Promise<Void>> running) {
    if (running.containsKey(step.id())
        || !StepState.PENDING.equals(ledger.step(step.id()).status())
        || graph.isCompensator(step.id())) {
      return false;
    }
    for (String dependency : graph.dependencies(step.id())) {
      StepState d = ledger.step(dependency);
      if (d == null || !d.ended()) {
        return false;
      }
    }
    return true;
  }

  /** Runs one step to its end state; only the run's cancellation escapes. */
  private void execute(PipelineRun run, StepSpec step) {
    try {
      Scope scope = ledger.scope(run);
      if (step.condition() != null && !Expressions.condition(step.condition()).test(scope)) {
        ledger.stepSkipped(step.id());
        return;
      }
      if (step.delay() != null) {
        Workflow.sleep(Durations.parse(step.delay()));
      }
      rows.stepStarted(step.id(), ledger.progress());
      Object output =
          step.forEach() == null
              ? invoker.invoke(run, step, params(step, scope), null)
              : forEach(run, step, scope);
      ledger.stepCompleted(step.id(), output);
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
    ledger.stepFailed(step.id(), message);
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

  /** Runs the compensating step {@code failed} names in its {@code on_failure}, if it names one. */
  void compensate(PipelineRun run, StepSpec failed) {
    String compensator = failed.onFailure();
    if (compensator == null
        || StepSpec.FAIL.equals(compensator)
        || StepSpec.CONTINUE.equals(compensator)) {
      return;
    }
    for (StepSpec step : run.definition().steps()) {
      if (step.id().equals(compensator)) {
        ledger.stepRunning(step.id());
        // Detached: a compensation also runs when the failure came with a cancellation.
        Workflow.newDetachedCancellationScope(() -> execute(run, step)).run();
      }
    }
  }

  private static String describeType(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
