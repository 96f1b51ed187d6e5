package org.sttplatform.workflows.pipeline.engine;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.ComponentSpec;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.definition.StepSpec;
import org.sttplatform.workflows.pipeline.expr.Expressions;

/**
 * The pipeline interpreter. Starts every step whose dependencies have ended (so independent steps
 * run in parallel), in definition order, and records each step's state for the {@code state} query.
 * A failed step with {@code on_failure: fail} stops new steps from starting; the running ones end,
 * its compensating step runs if it names one, and the run fails with the step's message.
 *
 * <p>When the run ends (completed, failed or cancelled) it tells the run store ({@link
 * RunStoreActivities} on the store queue), after the clean-up, so that the run's row holds the
 * final status. A task run with a callback then starts its delivery ({@link RunEnd#startCallback}).
 *
 * <p>The steps are run by a {@link StepRunner}, the run's state is kept in a {@link RunLedger}, and
 * the end of the run is handled by {@link RunEnd}.
 *
 * <p>Deterministic: the definition travels in the workflow input; the registry is the same code on
 * every worker; expressions use no clock, randomness or hash order.
 */
public class PipelineWorkflowImpl implements PipelineWorkflow {
  private final ComponentRegistry registry;
  private final double splitSeconds;
  private final RunLedger ledger = new RunLedger();
  private TaskRows rows;

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
    StepInvoker invoker = new StepInvoker(registry, rows, splitSeconds, ledger.partial());
    StepRunner steps = new StepRunner(ledger, invoker, rows);
    RunEnd end = new RunEnd(ledger, rows, invoker);
    StepGraph graph = StepGraph.of(definition);
    for (StepSpec step : definition.steps()) {
      ledger.add(
          step.id(),
          registry.find(step.component()).map(ComponentSpec::progressWeight).orElse(0.0));
    }
    try {
      StepSpec failed = steps.runSteps(run, graph);
      if (failed != null) {
        String stepError = ledger.step(failed.id()).error();
        steps.compensate(run, failed);
        // A task row shows the step's own message, as it always did.
        throw fail("Step '" + failed.id() + "' failed: " + stepError, stepError);
      }
      Map<String, Object> outputs;
      try {
        outputs = resolveOutputs(run);
      } catch (RuntimeException e) {
        // E.g. an output that reads a skipped step's output. Thrown as it is, it would fail the
        // workflow task again and again and the run would never end.
        String why = "The outputs cannot be computed: " + e.getMessage();
        throw fail(why, why);
      }
      ledger.outputs(outputs);
      try {
        rows.runCompleted();
      } catch (ActivityFailure failure) {
        if (failure.getCause() instanceof CanceledFailure cancelled) {
          throw cancelled;
        }
        String why = Failures.describe(failure);
        throw fail(why, why);
      }
      ledger.completed();
      return outputs;
    } catch (CanceledFailure cancelled) {
      ledger.cancelled();
      throw cancelled;
    } finally {
      end.cleanUp(run);
      end.recordEnd(run);
      end.startCallback(run);
    }
  }

  /** Marks the run failed (its task row too) and returns the failure to throw. */
  private ApplicationFailure fail(String runError, String taskMessage) {
    ledger.failed(runError);
    rows.runFailed(taskMessage);
    return ApplicationFailure.newNonRetryableFailure(runError, Failures.RUN_FAILED);
  }

  @Override
  public RunState state() {
    return ledger.state();
  }

  private Map<String, Object> resolveOutputs(PipelineRun run) {
    Map<String, Object> declared = run.definition().outputs();
    if (declared == null || declared.isEmpty()) {
      return Map.of();
    }
    Object resolved = Expressions.resolve(declared, ledger.scope(run));
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) resolved;
    return new LinkedHashMap<>(map);
  }
}
