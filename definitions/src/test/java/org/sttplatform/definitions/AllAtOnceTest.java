package org.sttplatform.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AllAtOnceTest {

  @Test
  void returnsEveryProblemAtOnce() throws IOException {
    String json = Files.readString(Path.of("src/test/resources/examples/five_problems.json"));
    Validation v = DefinitionValidator.validate(json, TestComponents.REGISTRY);
    assertThat(v.definition()).isNotNull();
    assertThat(v.valid()).isFalse();
    assertThat(v.problems())
        .extracting(Problem::path)
        .containsExactly(
            "$.inputs.language.default",
            "$.steps[0].params.verbose",
            "$.steps[1].timeout",
            "$.steps[2].params",
            "$.steps[2].params.language");
    assertThat(v.problems().get(0).message())
        .isEqualTo("default an integer does not match the input's type string");
    assertThat(v.problems().get(1).message()).contains("unknown parameter 'verbose'");
    assertThat(v.problems().get(2).message()).startsWith("malformed duration 'ten minutes'");
    assertThat(v.problems().get(3).message()).contains("missing required parameter 'audio'");
    assertThat(v.problems().get(4).message()).contains("undeclared input 'lang'");
  }
}
