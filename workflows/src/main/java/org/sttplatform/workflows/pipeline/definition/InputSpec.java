package org.sttplatform.workflows.pipeline.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A declared input of a pipeline.
 *
 * @param type {@code string}, {@code number}, {@code integer}, {@code boolean}, {@code array},
 *     {@code object} or {@code any}
 * @param defaultValue the value when a run gives none
 * @param description what it means
 * @param required whether a run must give it; when absent, an input is required unless it has a
 *     default. An optional input without a default is {@code null} when a run omits it (so a
 *     parameter {@code ${inputs.language}} resolves to {@code null}: the component's default)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSpec(
    String type,
    @JsonProperty("default") Object defaultValue,
    String description,
    Boolean required) {

  /** An input that is required unless {@code defaultValue} is given. */
  public InputSpec(String type, Object defaultValue, String description) {
    this(type, defaultValue, description, null);
  }

  /**
   * Whether a run must give this input. (Not named {@code isRequired}: Jackson would read that as a
   * second accessor of {@code required}.)
   */
  public boolean mandatory() {
    return required != null ? required : defaultValue == null;
  }
}
