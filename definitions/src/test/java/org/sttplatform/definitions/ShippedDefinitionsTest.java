package org.sttplatform.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sttplatform.workflows.pipeline.Durations;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/** Every shipped definition and every valid example validates; the schema agrees with the code. */
class ShippedDefinitionsTest {

  /** The names of the files in the resource folder, so that a new file cannot be missed. */
  static Stream<String> shippedFiles() throws IOException {
    return Files.list(Path.of("src/main/resources/definitions"))
        .map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".json"))
        .map(n -> n.substring(0, n.length() - ".json".length()))
        .sorted();
  }

  @Test
  void everyShippedFileIsListed() throws IOException {
    assertThat(shippedFiles()).containsExactlyInAnyOrderElementsOf(ShippedDefinitions.NAMES);
  }

  @ParameterizedTest
  @MethodSource("shippedFiles")
  void shippedDefinitionsHaveNoProblems(String name) {
    Validation v =
        DefinitionValidator.validate(ShippedDefinitions.json(name), TestComponents.REGISTRY);
    assertThat(v.problems()).isEmpty();
    assertThat(v.definition().id()).isEqualTo(name);
    assertThat(v.valid()).isTrue();
  }

  static Stream<Path> validExamples() throws IOException {
    return Files.list(Path.of("src/test/resources/examples"))
        .filter(p -> p.getFileName().toString().endsWith(".json"))
        .filter(p -> !p.getFileName().toString().contains("problems"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("validExamples")
  void validExamplesHaveNoProblems(Path file) throws IOException {
    Validation v = DefinitionValidator.validate(Files.readString(file), TestComponents.REGISTRY);
    assertThat(v.problems()).isEmpty();
  }

  @Test
  void theBuiltInRegistryAloneLacksOnlyTheKeywordsComponent() {
    assertThat(
            DefinitionValidator.validate(
                    ShippedDefinitions.json("keywords"),
                    org.sttplatform.workflows.pipeline.component.ComponentRegistry.builtIn())
                .problems())
        .extracting(Problem::path)
        .containsExactly("$.steps[3].component");
  }

  @Test
  void transcribeIsReadAsWritten() {
    PipelineDefinition d =
        DefinitionValidator.validate(ShippedDefinitions.json("transcribe"), TestComponents.REGISTRY)
            .definition();
    assertThat(d.steps())
        .extracting(s -> s.component())
        .containsExactly("fetch", "probe", "extract_audio", "transcribe");
    assertThat(d.outputs()).containsEntry("text", "${steps.transcribe.output.text}");
    // What is written back is a definition the validator accepts again, unchanged.
    Validation again =
        DefinitionValidator.validate(DefinitionJson.write(d), TestComponents.REGISTRY);
    assertThat(again.problems()).isEmpty();
    assertThat(again.definition()).isEqualTo(d);
  }

  @Test
  void transcribeSummarizeHandsTheWholeTranscriptToTheBuiltInSummarize() {
    Validation v =
        DefinitionValidator.validate(
            ShippedDefinitions.json("transcribe_summarize"),
            org.sttplatform.workflows.pipeline.component.ComponentRegistry.builtIn());
    assertThat(v.problems()).isEmpty();
    PipelineDefinition d = v.definition();
    assertThat(d.steps())
        .extracting(s -> s.component())
        .containsExactly("fetch", "probe", "extract_audio", "transcribe", "summarize");
    assertThat(d.steps().get(4).params())
        .containsEntry("transcript", "${steps.transcribe.output}")
        .doesNotContainKey("api_key");
    assertThat(d.outputs()).containsEntry("summary", "${steps.summarize.output.summary}");
  }

  @Test
  void schemaDurationPatternIsTheParsers() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> schema =
        new ObjectMapper()
            .readValue(Path.of("src/main/resources" + SchemaCheck.RESOURCE).toFile(), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> defs = (Map<String, Object>) schema.get("$defs");
    @SuppressWarnings("unchecked")
    Map<String, Object> duration = (Map<String, Object>) defs.get("duration");
    assertThat(duration.get("pattern")).isEqualTo(Durations.PATTERN);
  }
}
