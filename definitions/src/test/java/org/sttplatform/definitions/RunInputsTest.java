package org.sttplatform.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

class RunInputsTest {
  private static final PipelineDefinition TRANSCRIBE =
      DefinitionValidator.validate(ShippedDefinitions.json("transcribe"), TestComponents.REGISTRY)
          .definition();

  @Test
  void missingUnknownAndWrongTypes() {
    Map<String, Object> given = new HashMap<>();
    given.put("word_timestamps", "yes");
    given.put("lang", "en");
    given.put("model", null);
    assertThat(DefinitionValidator.checkInputs(TRANSCRIBE, given))
        .containsExactly(
            new Problem("$.inputs.url", "missing required input 'url' (string)"),
            new Problem(
                "$.inputs.word_timestamps",
                "input 'word_timestamps' must be boolean, got a string"),
            new Problem(
                "$.inputs.lang",
                "unknown input 'lang'; pipeline 'transcribe' declares: url, language, model, word_timestamps, options"));
  }

  @Test
  void effectiveInputsApplyDefaultsInDeclarationOrder() {
    Map<String, Object> effective =
        DefinitionValidator.effectiveInputs(
            TRANSCRIBE, Map.of("url", "https://x/a.mp3", "language", "de"));
    assertThat(effective.keySet())
        .containsExactly("url", "language", "model", "word_timestamps", "options");
    assertThat(effective).containsEntry("language", "de").containsEntry("word_timestamps", false);
    assertThat(effective.get("model")).isNull();
    assertThatThrownBy(() -> DefinitionValidator.effectiveInputs(TRANSCRIBE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing required input 'url'");
  }

  @Test
  void integersAcceptIntegralNumbers() {
    PipelineDefinition batch =
        DefinitionValidator.validate(ShippedDefinitions.json("url_batch"), TestComponents.REGISTRY)
            .definition();
    assertThat(
            DefinitionValidator.checkInputs(
                batch, Map.of("urls", List.of("u"), "concurrency", 3.0)))
        .isEmpty();
    assertThat(
            DefinitionValidator.checkInputs(
                batch, Map.of("urls", List.of("u"), "concurrency", 2.5)))
        .extracting(Problem::message)
        .containsExactly("input 'concurrency' must be integer, got a number");
  }
}
