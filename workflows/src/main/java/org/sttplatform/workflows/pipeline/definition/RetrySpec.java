package org.sttplatform.workflows.pipeline.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Overrides of a component's retry policy, mapped 1:1 to Temporal's {@code RetryOptions}; absent
 * fields keep the component's value.
 *
 * @param maxAttempts attempts in all (1: no retry)
 * @param initialInterval wait before the first retry, e.g. {@code 1s}
 * @param backoff multiplier of the wait after each retry (at least 1)
 * @param maxInterval the longest wait between attempts
 * @param nonRetryable failure types that end the step at once (see {@code Failures})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrySpec(
    @JsonProperty("max_attempts") Integer maxAttempts,
    @JsonProperty("initial_interval") String initialInterval,
    Double backoff,
    @JsonProperty("max_interval") String maxInterval,
    @JsonProperty("non_retryable") List<String> nonRetryable) {}
