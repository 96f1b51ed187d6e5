package org.sttplatform.workflows.pipeline.engine;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.pipeline.Durations;
import org.sttplatform.workflows.pipeline.component.ComponentInputs;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.ComponentSpec;
import org.sttplatform.workflows.pipeline.component.ParamSpec;
import org.sttplatform.workflows.pipeline.definition.RetrySpec;
import org.sttplatform.workflows.pipeline.definition.StepSpec;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/** Runs one step's component with its resolved parameters, inside the pipeline workflow. */
final class StepInvoker {
  private final ComponentRegistry registry;
  private final TaskRows rows;
  private final double splitSeconds;
  private final Map<String, Double> partial;

  /**
   * @param splitSeconds audio longer than this is transcribed in parts ({@link LongFileSplit})
   * @param partial receives a split step's finished share, by step key
   */
  StepInvoker(
      ComponentRegistry registry, TaskRows rows, double splitSeconds, Map<String, Double> partial) {
    this.registry = registry;
    this.rows = rows;
    this.splitSeconds = splitSeconds;
    this.partial = partial;
  }

  /**
   * Runs {@code step}'s component once.
   *
   * @param params the step's parameters with references resolved
   * @param element the element's index in a {@code for_each}, or {@code null}
   * @return the component's output: a JSON-like value (maps, lists, strings, numbers…)
   */
  Object invoke(PipelineRun run, StepSpec step, Map<String, Object> params, Integer element) {
    ComponentSpec component =
        registry
            .find(step.component())
            .orElseThrow(
                () -> new IllegalArgumentException("unknown component '" + step.component() + "'"));
    Map<String, Object> input = withDefaults(component, params);
    switch (component.kind()) {
      case TIMER:
        Duration duration = Durations.parse(String.valueOf(input.get("duration")));
        Workflow.sleep(duration);
        return Map.of("waited_seconds", duration.toMillis() / 1000.0);
      case VALUES:
        return input.get("values");
      case ACTIVITY:
      default:
        String key = element == null ? step.id() : step.id() + "#" + element;
        input.put(ComponentInputs.WORKSPACE, run.runId());
        input.put(ComponentInputs.STEP, key);
        ActivityOptions options = options(component, step);
        if (TaskRows.transcribes(component)) {
          // On the fleet: a worker is leased first, then the activity runs on its own queue; a
          // long file in parts, each on a worker of its own.
          return rows.transcribe(
              run,
              key,
              input,
              in ->
                  LongFileSplit.execute(
                      options,
                      component.activityType(),
                      in,
                      splitSeconds,
                      done -> partial.put(key, done)));
        }
        ActivityStub stub = Workflow.newUntypedActivityStub(options);
        Object output = stub.execute(component.activityType(), Object.class, input);
        rows.stepCompleted(component, input, output);
        return output;
    }
  }

  /** Removes the run's working folder (on the CPU workers, which own the shared data). */
  void cleanUp(PipelineRun run) {
    Workflow.newUntypedActivityStub(
            ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setStartToCloseTimeout(Duration.ofMinutes(5))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                .build())
        .execute(
            ComponentInputs.CLEAN_UP_ACTIVITY,
            Void.class,
            Map.of(ComponentInputs.WORKSPACE, run.runId()));
  }

  private static Map<String, Object> withDefaults(
      ComponentSpec component, Map<String, Object> params) {
    Map<String, Object> input = new LinkedHashMap<>();
    for (Map.Entry<String, ParamSpec> p : component.params().entrySet()) {
      Object given = params == null ? null : params.get(p.getKey());
      Object value = given != null ? given : p.getValue().defaultValue();
      if (value != null) {
        input.put(p.getKey(), value);
      }
    }
    return input;
  }

  /** The component's activity options with the step's overrides. */
  static ActivityOptions options(ComponentSpec component, StepSpec step) {
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setTaskQueue(component.taskQueue())
            .setStartToCloseTimeout(
                step.timeout() != null
                    ? Durations.parse(step.timeout())
                    : component.startToCloseTimeout() != null
                        ? component.startToCloseTimeout()
                        : ActivityDefaults.LONGEST_RUN);
    if (component.heartbeatTimeout() != null) {
      options
          .setHeartbeatTimeout(component.heartbeatTimeout())
          // As the seed pipeline: a cancelled run closes at once, and the worker learns of it
          // from its next heartbeat (the embedded server cannot cancel running activities).
          .setCancellationType(ActivityCancellationType.ABANDON);
    }
    options.setRetryOptions(retry(component.retry(), step.retry()));
    return options.build();
  }

  /**
   * {@code base} with the step's overrides: each field given replaces the component's, {@code
   * non_retryable} included (docs/definitions.md).
   */
  static RetryOptions retry(RetryOptions base, RetrySpec overrides) {
    RetryOptions.Builder retry =
        base == null ? RetryOptions.newBuilder() : RetryOptions.newBuilder(base);
    if (overrides == null) {
      return retry.build();
    }
    if (overrides.maxAttempts() != null) {
      retry.setMaximumAttempts(overrides.maxAttempts());
    }
    if (overrides.initialInterval() != null) {
      retry.setInitialInterval(Durations.parse(overrides.initialInterval()));
    }
    if (overrides.backoff() != null) {
      retry.setBackoffCoefficient(overrides.backoff());
    }
    if (overrides.maxInterval() != null) {
      retry.setMaximumInterval(Durations.parse(overrides.maxInterval()));
    }
    if (overrides.nonRetryable() != null) {
      retry.setDoNotRetry(overrides.nonRetryable().toArray(String[]::new));
    }
    return retry.build();
  }
}
