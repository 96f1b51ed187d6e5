package org.sttplatform.workflows.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsResolveTest {

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static Map<String, Object> step(String status, Object output) {
    Map<String, Object> m = new HashMap<>();
    m.put("status", status);
    m.put("output", output);
    return m;
  }

  static final Map<String, Object> MEDIA = map("path", "/data/run/1/media.mp4", "size", 1234);

  static final Scope SCOPE =
      new Scope(
          map(
              "name",
              "Ada",
              "count",
              3,
              "ratio",
              2.0,
              "half",
              0.5,
              "big",
              new BigDecimal("1.50"),
              "flag",
              true,
              "nothing",
              null,
              "tags",
              new ArrayList<>(List.of("a", "b"))),
          map(
              "fetch",
              step(
                  "completed",
                  map(
                      "media",
                      MEDIA,
                      "items",
                      List.of(map("url", "https://x/1"), map("url", "https://x/2")))),
              "skipped_one",
              step("skipped", null)),
          null,
          null);

  @Test
  void wholeReferenceYieldsTheValueItself() {
    assertThat(Expressions.resolve("${steps.fetch.output.media}", SCOPE)).isSameAs(MEDIA);
    assertThat(Expressions.resolve("${inputs.count}", SCOPE)).isEqualTo(3);
    assertThat(Expressions.resolve("${inputs.flag}", SCOPE)).isEqualTo(true);
    assertThat(Expressions.resolve("${inputs.tags}", SCOPE)).isEqualTo(List.of("a", "b"));
    assertThat(Expressions.resolve("${inputs.nothing}", SCOPE)).isNull();
    assertThat(Expressions.resolve("${ inputs.name }", SCOPE)).isEqualTo("Ada");
  }

  @Test
  void listIndexesAndNestedFields() {
    assertThat(Expressions.resolve("${steps.fetch.output.items[1].url}", SCOPE))
        .isEqualTo("https://x/2");
    assertThat(Expressions.resolve("${inputs.tags[0]}", SCOPE)).isEqualTo("a");
    assertThat(Expressions.resolve("${steps.fetch.status}", SCOPE)).isEqualTo("completed");
    assertThat(Expressions.resolve("${steps.skipped_one.output}", SCOPE)).isNull();
  }

  @Test
  void interpolatesEmbeddedReferences() {
    assertThat(Expressions.resolve("Hello ${inputs.name}!", SCOPE)).isEqualTo("Hello Ada!");
    assertThat(Expressions.resolve("${inputs.name}${inputs.count}", SCOPE)).isEqualTo("Ada3");
    assertThat(Expressions.resolve("n=${inputs.ratio} h=${inputs.half}", SCOPE))
        .isEqualTo("n=2 h=0.5");
    assertThat(Expressions.resolve("b=${inputs.big} f=${inputs.flag} z=${inputs.nothing}", SCOPE))
        .isEqualTo("b=1.50 f=true z=null");
    assertThat(Expressions.resolve("m=${steps.fetch.output.media}", SCOPE))
        .isEqualTo("m={\"path\":\"/data/run/1/media.mp4\",\"size\":1234}");
    assertThat(Expressions.resolve("t=${inputs.tags}", SCOPE)).isEqualTo("t=[\"a\",\"b\"]");
  }

  @Test
  void compactJsonEscapesStrings() {
    Scope s =
        Scope.ofInputs(map("o", map("q", "say \"hi\"\n\\", "l", Arrays.asList(1, null, 1e25))));
    assertThat(Expressions.resolve("${inputs.o} ", s))
        .isEqualTo("{\"q\":\"say \\\"hi\\\"\\n\\\\\",\"l\":[1,null,1.0E25]} ");
  }

  @Test
  void dollarDollarEscapesALiteralReference() {
    assertThat(Expressions.resolve("$${inputs.name}", SCOPE)).isEqualTo("${inputs.name}");
    assertThat(Expressions.resolve("cost: $5 and $${x} for ${inputs.name}", SCOPE))
        .isEqualTo("cost: $5 and ${x} for Ada");
    assertThat(Expressions.references("$${inputs.undeclared}")).isEmpty();
  }

  @Test
  void resolvesInsideListsAndMapsWithoutChangingTheInput() {
    Map<String, Object> params =
        map("media", "${steps.fetch.output.media}", "list", List.of("${inputs.count}", "x", 7));
    Object resolved = Expressions.resolve(params, SCOPE);
    assertThat(resolved).isEqualTo(map("media", MEDIA, "list", List.of(3, "x", 7)));
    assertThat(params.get("media")).isEqualTo("${steps.fetch.output.media}");
    assertThat(Expressions.resolve(42, SCOPE)).isEqualTo(42);
    assertThat(Expressions.resolve(null, SCOPE)).isNull();
  }

  @Test
  void missingPathsNameTheReference() {
    assertThatThrownBy(() -> Expressions.resolve("${inputs.missing}", SCOPE))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("${inputs.missing}")
        .hasMessageContaining("no input 'missing'");
    assertThatThrownBy(() -> Expressions.resolve("x ${steps.fetch.output.nope}", SCOPE))
        .hasMessageContaining("${steps.fetch.output.nope}")
        .hasMessageContaining("steps.fetch.output has no field 'nope'");
    assertThatThrownBy(() -> Expressions.resolve("${steps.other.output}", SCOPE))
        .hasMessageContaining("step 'other' has not run");
    assertThatThrownBy(() -> Expressions.resolve("${steps.fetch.output.items[5]}", SCOPE))
        .hasMessageContaining("2 element(s), so [5] is out of range");
    assertThatThrownBy(() -> Expressions.resolve("${inputs.name.first}", SCOPE))
        .hasMessageContaining("inputs.name is a string, so it has no field 'first'");
    assertThatThrownBy(() -> Expressions.resolve("${steps.skipped_one.output.text}", SCOPE))
        .hasMessageContaining("steps.skipped_one.output is null");
    assertThatThrownBy(() -> Expressions.resolve("${inputs.tags.x}", SCOPE))
        .hasMessageContaining("is an array, so it has no field 'x'");
  }

  @Test
  void itemAndIndexInsideForEachOnly() {
    Scope inLoop = SCOPE.withItem(map("url", "https://a"), 2);
    assertThat(Expressions.resolve("${item.url}", inLoop)).isEqualTo("https://a");
    assertThat(Expressions.resolve("${index}", inLoop)).isEqualTo(2);
    assertThat(Expressions.resolve("#${index}: ${item.url}", inLoop)).isEqualTo("#2: https://a");
    assertThat(Expressions.resolve("${item}", SCOPE.withItem(null, 0))).isNull();
    assertThatThrownBy(() -> Expressions.resolve("${item}", SCOPE))
        .hasMessageContaining("only defined inside a for_each");
    assertThatThrownBy(() -> Expressions.resolve("${index}", SCOPE))
        .hasMessageContaining("only defined inside a for_each");
  }

  @Test
  void malformedReferencesReportTheirPosition() {
    assertError("${inputs.name", "unclosed '${'", 0);
    assertError("ab ${}", "empty reference", 3);
    assertError("${foo.bar}", "unknown name 'foo'", 2);
    assertError("${inputs}", "expected an input name", 2);
    assertError("${steps.fetch}", "expected steps.fetch.output or steps.fetch.status", 2);
    assertError("${steps.fetch.result}", "expected steps.fetch.output", 14);
    assertError("${steps.fetch.status.x}", "status is a string", 21);
    assertError("${index.x}", "index is a number", 8);
    assertError("${inputs.a..b}", "expected a field name after '.'", 11);
    assertError("${inputs.a[x]}", "expected a list index", 10);
    assertError("${inputs.a b}", "expected '}'", 11);
    assertError("${inputs.1a}", "expected a field name", 9);
  }

  private static void assertError(String text, String reason, int position) {
    assertThatThrownBy(() -> Expressions.references(text))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> {
              assertThat(e.reason()).contains(reason);
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.getMessage()).contains("(at position " + position + ")");
            });
  }

  @Test
  void referencesListsThemInOrder() {
    List<Reference> refs =
        Expressions.references(
            map(
                "a",
                "${steps.fetch.output.items[0].url}",
                "b",
                List.of("x ${inputs.name} ${item.u}", map("c", "${index}")),
                "d",
                5));
    assertThat(refs)
        .containsExactly(
            new Reference(
                "steps.fetch.output.items[0].url",
                "steps",
                List.of("fetch", "output", "items", "0", "url")),
            new Reference("inputs.name", "inputs", List.of("name")),
            new Reference("item.u", "item", List.of("u")),
            new Reference("index", "index", List.of()));
    assertThat(refs.get(0).stepId()).isEqualTo("fetch");
    assertThat(refs.get(1).inputName()).isEqualTo("name");
    assertThat(refs.get(2).needsForEach()).isTrue();
    assertThat(refs.get(0).toString()).isEqualTo("${steps.fetch.output.items[0].url}");
  }

  @Test
  void singleReference() {
    assertThat(Expressions.singleReference("${inputs.a}")).isPresent();
    assertThat(Expressions.singleReference("${inputs.a} ")).isEmpty();
    assertThat(Expressions.singleReference("x")).isEmpty();
    assertThat(Expressions.singleReference("$${inputs.a}")).isEmpty();
  }
}
