package org.sttplatform.workflows.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sttplatform.workflows.pipeline.expr.ExpressionsResolveTest.map;
import static org.sttplatform.workflows.pipeline.expr.ExpressionsResolveTest.step;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
  static final Scope SCOPE =
      new Scope(
          map(
              "language",
              "en",
              "count",
              3,
              "long",
              3L,
              "ratio",
              3.0,
              "dec",
              new BigDecimal("3.00"),
              "tenth",
              0.1,
              "flag",
              true,
              "none",
              null,
              "tags",
              List.of("a", "b"),
              "obj",
              map("a", 1, "b", List.of(1, 2))),
          map(
              "probe",
              step("completed", map("duration_seconds", 12.5, "channels", 2)),
              "opt",
              step("skipped", null),
              "bad",
              step("failed", null)),
          null,
          null);

  static boolean eval(String text) {
    return Expressions.condition(text).test(SCOPE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "inputs.language == 'en'                       | true",
        "inputs.language == \"en\"                     | true",
        "inputs.language != 'en'                       | false",
        "inputs.count == 3                             | true",
        "inputs.count == inputs.long                   | true",
        "inputs.count == inputs.ratio                  | true",
        "inputs.dec == 3                               | true",
        "inputs.tenth == 0.1                           | true",
        "inputs.count < 3.5                            | true",
        "inputs.count <= 3                             | true",
        "inputs.ratio > 2                              | true",
        "inputs.dec >= 4                               | false",
        "-1 < 0                                        | true",
        "1e3 == 1000                                   | true",
        "'abc' < 'abd'                                 | true",
        "'b' > 'abc'                                   | true",
        "inputs.flag                                   | true",
        "inputs.flag == true                           | true",
        "not inputs.flag                               | false",
        "not inputs.count == 4                         | true",
        "inputs.none == null                           | true",
        "inputs.tags == inputs.tags                    | true",
        "inputs.obj != null                            | true",
        "steps.probe.output.duration_seconds > 10      | true",
        "steps.probe.status == 'completed'             | true",
        "steps.opt.status == 'skipped'                 | true",
        "exists(steps.probe.output.channels)           | true",
        "exists(steps.opt.output)                      | false",
        "exists(steps.opt.output.text)                 | false",
        "exists(steps.never.output)                    | false",
        "exists(inputs.none)                           | false",
        "exists(inputs.undeclared)                     | false",
        "exists(${inputs.language})                    | true",
        "exists(item)                                  | false",
        "len(inputs.tags) == 2                         | true",
        "len(inputs.language) == 2                     | true",
        "len(inputs.obj) == 2                          | true",
        "len('héllo') == 5                             | true",
        "true and false or true                        | true",
        "true or false and false                       | true",
        "(true or false) and false                     | false",
        "not not true                                  | true",
        "${inputs.language == 'en'}                    | true",
        "${inputs.language} == 'en' and ${inputs.flag} | true",
        "'it\\'s' == \"it's\"                          | true",
        "'a\\\\b' == 'a\\u005cb'                       | true",
        "'line\\n' != 'line'                           | true",
        "inputs.count == '3'                           | false",
        "null == false                                 | false",
      })
  void evaluates(String text, boolean expected) {
    assertThat(eval(text.strip())).isEqualTo(expected);
  }

  @Test
  void jsonEqualityIgnoresKeyOrderButNotListOrder() {
    Scope s =
        Scope.ofInputs(
            map(
                "x", map("a", 1, "b", 2.0),
                "y", map("b", 2, "a", 1),
                "l1", List.of(1, 2),
                "l2", List.of(2, 1)));
    assertThat(Expressions.condition("inputs.x == inputs.y").test(s)).isTrue();
    assertThat(Expressions.condition("inputs.l1 == inputs.l2").test(s)).isFalse();
  }

  @Test
  void andOrShortCircuit() {
    // The right side would fail (missing field, type error) if it were evaluated.
    assertThat(eval("exists(steps.opt.output.text) and steps.opt.output.text == 'x'")).isFalse();
    assertThat(eval("inputs.flag or inputs.missing == 1")).isTrue();
    assertThat(eval("false and 'a' < 1")).isFalse();
  }

  @Test
  void typeErrorsAtEvaluation() {
    assertEvalError("'a' < 1", "cannot compare string with number using '<'", 4);
    assertEvalError("inputs.none > 1", "cannot compare null with number", 12);
    assertEvalError("inputs.tags < inputs.tags", "cannot compare array with array", 12);
    assertEvalError("not inputs.language", "'not' needs booleans, got string", 0);
    assertEvalError("inputs.count and true", "'and' needs booleans, got number", 13);
    assertEvalError("false or inputs.none", "'or' needs booleans, got null", 6);
    assertEvalError("len(inputs.count) == 1", "len() needs a string, array or object", 0);
    assertThatThrownBy(() -> eval("inputs.language"))
        .hasMessageContaining("gives string, not a boolean");
    assertThatThrownBy(() -> eval("inputs.missing == 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("${inputs.missing}");
    assertThatThrownBy(() -> eval("steps.never.status == 'completed'"))
        .hasMessageContaining("step 'never' has not run");
  }

  private static void assertEvalError(String text, String reason, int position) {
    Condition c = Expressions.condition(text);
    assertThatThrownBy(() -> c.test(SCOPE))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> {
              assertThat(e.reason()).contains(reason);
              assertThat(e.position()).isEqualTo(position);
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "''                              | empty condition                       | 0",
        "inputs.a =                      | unknown operator '='                  | 9",
        "inputs.a = 1                    | equality is '=='                      | 9",
        "inputs.a ==                     | expected a value                      | 11",
        "inputs.a == 1 == 2              | comparisons do not chain              | 14",
        "(inputs.a == 1                  | expected ')'                          | 14",
        "inputs.a == 1)                  | unexpected ')'                        | 13",
        "foo == 1                        | unknown name 'foo'                    | 0",
        "inputs.a == 'x                  | unclosed string                       | 12",
        "'\\q' == 1                      | unknown escape                        | 1",
        "exists(1)                       | exists() takes a reference            | 7",
        "exists inputs.a                 | expected '(' after exists             | 7",
        "len(inputs.a                    | expected ')' to close len(            | 12",
        "${inputs.a == 1                 | expected '}'                          | 15",
        "inputs.a & 1                    | unexpected character '&'              | 9",
        "1.x == 1                        | expected digits after '.'             | 2",
        "12ab == 1                       | malformed number                      | 0",
        "inputs.a inputs.b               | unexpected 'inputs.b'                 | 9",
        "steps.x == 1                    | expected steps.x.output               | 0",
        "and                             | unexpected 'and'                      | 0",
      })
  void malformedConditionsReportTheirPosition(String text, String reason, int position) {
    String condition = text.strip().equals("''") ? "" : text.strip();
    assertThatThrownBy(() -> Expressions.condition(condition))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> {
              assertThat(e.reason()).contains(reason);
              assertThat(e.position()).isEqualTo(position);
            });
  }

  @Test
  void referencesInOrderIncludingExists() {
    Condition c =
        Expressions.condition(
            "exists(steps.probe.output) and (inputs.language == 'en' or len(item.tags) > 0)");
    assertThat(c.references())
        .extracting(Reference::text)
        .containsExactly("steps.probe.output", "inputs.language", "item.tags");
    assertThat(c.text()).startsWith("exists(");
  }

  @Test
  void itemAndIndexInsideForEach() {
    Scope s = SCOPE.withItem(map("lang", "de"), 1);
    assertThat(Expressions.condition("item.lang == 'de' and index == 1").test(s)).isTrue();
  }
}
