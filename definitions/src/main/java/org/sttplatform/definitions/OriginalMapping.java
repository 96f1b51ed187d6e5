package org.sttplatform.definitions;

import java.util.List;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * A workflow of the original service's {@code create_work_flow} schema, mapped.
 *
 * @param definition the equivalent pipeline definition, or {@code null} if the document could not
 *     be read at all; validate it with {@link DefinitionValidator#validate(PipelineDefinition,
 *     org.sttplatform.workflows.pipeline.component.ComponentRegistry)}
 * @param triggerType {@code MANUAL}, {@code SCHEDULED} or {@code EVENT}: how runs start, which is
 *     not part of a definition ({@code MANUAL} when absent)
 * @param callbackUrl the original's {@code CALLBACK_URL}, a run option here, or {@code null}
 * @param problems what could not be mapped, with {@code $}-paths into the original document
 */
public record OriginalMapping(
    PipelineDefinition definition, String triggerType, String callbackUrl, List<Problem> problems) {

  public OriginalMapping {
    problems = List.copyOf(problems);
  }
}
