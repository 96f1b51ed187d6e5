package org.sttplatform.workflows.pipeline.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A pipeline: typed inputs, steps that run components, and outputs. Written in Java or loaded from
 * a JSON definition ({@code definitions/}); both run on the same engine, which receives the
 * definition itself (its exact version) as part of the workflow input, so editing a stored
 * definition never changes a running or replayed run.
 *
 * @param id stable name, e.g. {@code transcribe} ({@code [a-z0-9][a-z0-9_-]*})
 * @param version positive; each stored change gets the next one
 * @param description what it does
 * @param inputs the run's inputs by name, in declaration order
 * @param steps the steps; {@code depends_on} makes them a DAG, independent steps run in parallel
 * @param outputs the run's outputs by name: literals or references such as {@code
 *     ${steps.transcribe.output.text}}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineDefinition(
    String id,
    Integer version,
    String description,
    Map<String, InputSpec> inputs,
    List<StepSpec> steps,
    Map<String, Object> outputs) {}
