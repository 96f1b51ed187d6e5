package org.sttplatform.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.java.JavaPipelines;

/**
 * The default pipeline written in Java is the shipped {@code transcribe.json}: the same definition,
 * so the one engine runs them alike (an end-to-end run of both is in the api module's tests).
 */
class JavaPipelinesTest {

  @Test
  void theJavaTranscribePipelineEqualsTheShippedDefinition() {
    Validation json =
        DefinitionValidator.validate(
            ShippedDefinitions.json("transcribe"), ComponentRegistry.builtIn());
    assertThat(json.problems()).isEmpty();

    PipelineDefinition java = JavaPipelines.transcribe();

    assertThat(java).isEqualTo(json.definition());
    assertThat(DefinitionValidator.validate(java, ComponentRegistry.builtIn())).isEmpty();
  }
}
