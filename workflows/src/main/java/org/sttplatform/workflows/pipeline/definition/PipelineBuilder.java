package org.sttplatform.workflows.pipeline.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a pipeline in Java: the result is the same {@link PipelineDefinition} a JSON definition
 * gives, run by the same engine.
 *
 * <pre>{@code
 * PipelineDefinition p =
 *     PipelineBuilder.pipeline("transcribe", 1)
 *         .input("url", new InputSpec("string", null, "the media URL"))
 *         .step("fetch", "fetch").param("url", "${inputs.url}").add()
 *         .step("probe", "probe").param("media", "${steps.fetch.output.media}").add()
 *         .output("duration", "${steps.probe.output.duration_seconds}")
 *         .build();
 * }</pre>
 */
public final class PipelineBuilder {
  private final String id;
  private final int version;
  private String description;
  private final Map<String, InputSpec> inputs = new LinkedHashMap<>();
  private final List<StepSpec> steps = new ArrayList<>();
  private final Map<String, Object> outputs = new LinkedHashMap<>();

  private PipelineBuilder(String id, int version) {
    this.id = id;
    this.version = version;
  }

  public static PipelineBuilder pipeline(String id, int version) {
    return new PipelineBuilder(id, version);
  }

  public PipelineBuilder description(String text) {
    this.description = text;
    return this;
  }

  /** An input; {@code spec} says its type, default and whether a run must give it. */
  public PipelineBuilder input(String name, InputSpec spec) {
    inputs.put(name, spec);
    return this;
  }

  /** Starts a step; {@link Step#add()} adds it and returns to this builder. */
  public Step step(String stepId, String component) {
    return new Step(stepId, component);
  }

  public PipelineBuilder output(String name, Object value) {
    outputs.put(name, value);
    return this;
  }

  public PipelineDefinition build() {
    return new PipelineDefinition(
        id,
        version,
        description,
        new LinkedHashMap<>(inputs),
        List.copyOf(steps),
        new LinkedHashMap<>(outputs));
  }

  /** One step being written. */
  public final class Step {
    private final String stepId;
    private final String component;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private List<String> dependsOn;
    private String condition;
    private RetrySpec retry;
    private String timeout;
    private String delay;
    private String onFailure;
    private ForEachSpec forEach;

    private Step(String stepId, String component) {
      this.stepId = stepId;
      this.component = component;
    }

    public Step param(String name, Object value) {
      params.put(name, value);
      return this;
    }

    public Step dependsOn(String... stepIds) {
      this.dependsOn = List.of(stepIds);
      return this;
    }

    public Step condition(String expression) {
      this.condition = expression;
      return this;
    }

    public Step retry(RetrySpec spec) {
      this.retry = spec;
      return this;
    }

    public Step timeout(String duration) {
      this.timeout = duration;
      return this;
    }

    public Step delay(String duration) {
      this.delay = duration;
      return this;
    }

    public Step onFailure(String action) {
      this.onFailure = action;
      return this;
    }

    public Step forEach(String items, Integer maxConcurrency) {
      this.forEach = new ForEachSpec(items, maxConcurrency);
      return this;
    }

    public PipelineBuilder add() {
      steps.add(
          new StepSpec(
              stepId,
              component,
              new LinkedHashMap<>(params),
              dependsOn,
              condition,
              retry,
              timeout,
              delay,
              onFailure,
              forEach));
      return PipelineBuilder.this;
    }
  }
}
