package org.sttplatform.workflows.pipeline.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.pipeline.expr.ExpressionException;
import org.sttplatform.workflows.pipeline.expr.Scope;

/** The records read and write the JSON field names of the language (Temporal uses Jackson too). */
class DefinitionJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void maxConcurrencyIsANumberOrAReference() throws Exception {
    ForEachSpec literal =
        json.readValue("{\"items\":\"${inputs.urls}\",\"max_concurrency\":3}", ForEachSpec.class);
    assertThat(literal).isEqualTo(new ForEachSpec("${inputs.urls}", 3));
    assertThat(literal.effectiveMaxConcurrency(Scope.ofInputs(Map.of()))).isEqualTo(3);

    ForEachSpec ref =
        json.readValue(
            "{\"items\":\"${inputs.urls}\",\"max_concurrency\":\"${inputs.n}\"}",
            ForEachSpec.class);
    assertThat(ref.maxConcurrency()).isNull();
    assertThat(ref.maxConcurrencyRef()).isEqualTo("${inputs.n}");
    assertThat(ref.effectiveMaxConcurrency(Scope.ofInputs(Map.of("n", 2)))).isEqualTo(2);
    assertThatThrownBy(() -> ref.effectiveMaxConcurrency(Scope.ofInputs(Map.of("n", 0))))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("not a positive integer");

    ForEachSpec none = json.readValue("{\"items\":\"${inputs.urls}\"}", ForEachSpec.class);
    assertThat(none.effectiveMaxConcurrency(Scope.ofInputs(Map.of())))
        .isEqualTo(ForEachSpec.DEFAULT_MAX_CONCURRENCY);

    assertThat(json.writeValueAsString(literal))
        .isEqualTo("{\"items\":\"${inputs.urls}\",\"max_concurrency\":3}");
    assertThat(json.writeValueAsString(ref))
        .isEqualTo("{\"items\":\"${inputs.urls}\",\"max_concurrency\":\"${inputs.n}\"}");
    assertThat(json.writeValueAsString(none)).isEqualTo("{\"items\":\"${inputs.urls}\"}");
  }

  @Test
  void inputRequiredUnlessDefaultedOrSaidOtherwise() throws Exception {
    assertThat(json.readValue("{\"type\":\"string\"}", InputSpec.class).mandatory()).isTrue();
    assertThat(
            json.readValue("{\"type\":\"string\",\"default\":\"x\"}", InputSpec.class).mandatory())
        .isFalse();
    InputSpec optional =
        json.readValue("{\"type\":\"string\",\"required\":false}", InputSpec.class);
    assertThat(optional.mandatory()).isFalse();
    assertThat(json.writeValueAsString(optional))
        .isEqualTo("{\"type\":\"string\",\"required\":false}");
  }

  @Test
  void aWholeDefinitionRoundTrips() throws Exception {
    String text =
        "{\"id\":\"p\",\"version\":1,\"inputs\":{\"urls\":{\"type\":\"array\"}},"
            + "\"steps\":[{\"id\":\"fetch\",\"component\":\"fetch\",\"params\":{\"url\":\"${item}\"},"
            + "\"depends_on\":[],\"retry\":{\"max_attempts\":3,\"initial_interval\":\"1s\"},"
            + "\"on_failure\":\"continue\",\"for_each\":{\"items\":\"${inputs.urls}\","
            + "\"max_concurrency\":\"${inputs.n}\"}}],\"outputs\":{\"media\":\"${steps.fetch.output}\"}}";
    PipelineDefinition d = json.readValue(text, PipelineDefinition.class);
    assertThat(d.steps().get(0).forEach().maxConcurrencyRef()).isEqualTo("${inputs.n}");
    assertThat(d.steps().get(0).retry().maxAttempts()).isEqualTo(3);
    assertThat(json.readValue(json.writeValueAsString(d), PipelineDefinition.class)).isEqualTo(d);
  }
}
