package org.sttplatform.definitions;

import java.util.List;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * The outcome of validating a definition.
 *
 * @param definition the definition as read, or {@code null} if the JSON could not be read into one
 *     (malformed JSON, or a field of the wrong JSON type)
 * @param problems every problem found, in document order (those of a Java-built definition in check
 *     order); empty if valid
 */
public record Validation(PipelineDefinition definition, List<Problem> problems) {

  public Validation {
    problems = List.copyOf(problems);
  }

  /** {@code true} if the definition was read and has no problems. */
  public boolean valid() {
    return definition != null && problems.isEmpty();
  }
}
