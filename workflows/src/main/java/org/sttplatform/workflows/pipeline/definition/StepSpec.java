package org.sttplatform.workflows.pipeline.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline.
 *
 * @param id unique within the pipeline ({@code [a-z][a-z0-9_]*}, not {@code fail} or {@code
 *     continue}); later steps read its output as {@code ${steps.<id>.output...}}
 * @param component the registered component it runs
 * @param params the component's parameters: literals, or references {@code ${inputs.x}}, {@code
 *     ${steps.<id>.output.<path>}}, {@code ${item}} (inside {@code for_each})
 * @param dependsOn steps that must have ended first (references to a step's output add the
 *     dependency implicitly)
 * @param condition an expression; the step is skipped when it is false
 * @param retry overrides of the component's retry policy
 * @param timeout one attempt's limit, e.g. {@code 10m} (overrides the component's)
 * @param delay how long to wait before the step starts, e.g. {@code 30s}
 * @param onFailure {@code fail} (default: the run fails), {@code continue} (the step counts as
 *     failed, later steps still run), or the id of a compensating step to run before the run fails
 * @param forEach run the step once per element of a list
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepSpec(
    String id,
    String component,
    Map<String, Object> params,
    @JsonProperty("depends_on") List<String> dependsOn,
    String condition,
    RetrySpec retry,
    String timeout,
    String delay,
    @JsonProperty("on_failure") String onFailure,
    @JsonProperty("for_each") ForEachSpec forEach) {

  /** {@code on_failure} value: the run fails (the default). */
  public static final String FAIL = "fail";

  /** {@code on_failure} value: the step is recorded as failed and the run goes on. */
  public static final String CONTINUE = "continue";
}
