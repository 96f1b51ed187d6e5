package org.sttplatform.workflows.pipeline.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A declared input of a pipeline.
 *
 * @param type {@code string}, {@code number}, {@code integer}, {@code boolean}, {@code array},
 *     {@code object} or {@code any}
 * @param defaultValue the value when a run gives none; an input without a default is required
 * @param description what it means
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSpec(
    String type, @JsonProperty("default") Object defaultValue, String description) {}
