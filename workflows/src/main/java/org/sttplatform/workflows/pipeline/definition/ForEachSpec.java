package org.sttplatform.workflows.pipeline.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Runs a step once per element of a list; inside the step, {@code ${item}} is the element and
 * {@code ${index}} its position (from 0). The step's output is the list of the elements' outputs,
 * in the list's order.
 *
 * @param items a reference to a list, e.g. {@code ${inputs.urls}}
 * @param maxConcurrency how many elements run at once (default 4)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForEachSpec(String items, @JsonProperty("max_concurrency") Integer maxConcurrency) {

  /** Elements that run at once when {@code max_concurrency} is absent. */
  public static final int DEFAULT_MAX_CONCURRENCY = 4;
}
