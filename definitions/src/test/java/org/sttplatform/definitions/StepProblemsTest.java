package org.sttplatform.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.definitions.Defs.FETCH;
import static org.sttplatform.definitions.Defs.problems;
import static org.sttplatform.definitions.Defs.stepProblems;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.definition.StepSpec;

/** One test per problem kind found within steps, inputs and outputs. */
class StepProblemsTest {

  @Test
  void malformedJsonNamesLineAndColumn() {
    Validation v =
        DefinitionValidator.validate(
            "{\n  \"id\": \"x\",\n  \"steps\": [,]\n}", TestComponents.REGISTRY);
    assertThat(v.definition()).isNull();
    assertThat(v.problems()).hasSize(1);
    assertThat(v.problems().get(0).path()).isEqualTo("$");
    assertThat(v.problems().get(0).message()).startsWith("malformed JSON at line 3, column 13:");
    assertThat(problems(""))
        .extracting(Problem::message)
        .containsExactly("malformed JSON at line 1, column 1: empty document");
    assertThat(problems("{\"id\":\"a\",\"id\":\"b\"}").get(0).message())
        .contains("Duplicate field 'id'");
    assertThat(problems("{} {}").get(0).message()).contains("malformed JSON");
  }

  @Test
  void schemaViolationsHaveTheirPaths() {
    List<Problem> problems =
        problems(
            Defs.q(
                "{'id':'Bad Id','version':0,'stepz':[],'steps':[{'id':'Fetch','component':'fetch',"
                    + "'params':{'url':'x'},'retry':{'max_attempts':0,'jitter':1}},{'component':'probe'}]}"));
    assertThat(problems)
        .extracting(Problem::path)
        .contains(
            "$.id",
            "$.version",
            "$.stepz",
            "$.steps[0].id",
            "$.steps[0].retry.max_attempts",
            "$.steps[0].retry.jitter",
            "$.steps[1].id");
    assertThat(problems).contains(new Problem("$.stepz", "unknown field 'stepz'"));
    assertThat(problems).contains(new Problem("$.steps[1].id", "required field is missing"));
    // The schema's missing id is not reported a second time by the semantic checks.
    assertThat(problems).filteredOn(p -> p.path().equals("$.steps[1].id")).hasSize(1);
  }

  @Test
  void aFieldOfTheWrongJsonTypeStillReportsEverySchemaProblem() {
    Validation v =
        DefinitionValidator.validate(
            Defs.q("{'id':'x','steps':{'a':1},'inputs':[]}"), TestComponents.REGISTRY);
    assertThat(v.definition()).isNull();
    assertThat(v.problems())
        .extracting(Problem::path)
        .containsExactlyInAnyOrder("$.steps", "$.inputs");
  }

  @Test
  void unknownComponent() {
    assertThat(stepProblems("{'id':'up','component':'upload'}"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("$.steps[0].component");
              assertThat(p.message()).startsWith("unknown component 'upload'; known: fetch, probe");
              assertThat(p.message()).contains("keywords");
            });
  }

  @Test
  void unknownParameter() {
    assertThat(
            stepProblems("{'id':'fetch','component':'fetch','params':{'url':'x','verbose':true}}"))
        .containsExactly(
            new Problem(
                "$.steps[0].params.verbose",
                "unknown parameter 'verbose' of component 'fetch'; its parameters: headers, source,"
                    + " url"));
  }

  @Test
  void missingRequiredParameter() {
    assertThat(stepProblems("{'id':'k','component':'keywords','params':{'terms':['a']}}"))
        .containsExactly(
            new Problem(
                "$.steps[0].params",
                "missing required parameter 'segments' (array) of component 'keywords'"));
    assertThat(stepProblems("{'id':'fetch','component':'fetch'}"))
        .extracting(Problem::path)
        .containsExactly("$.steps[0].params");
    assertThat(stepProblems("{'id':'fetch','component':'fetch','params':{'url':null}}"))
        .containsExactly(
            new Problem("$.steps[0].params.url", "required parameter 'url' cannot be null"));
  }

  @Test
  void wrongLiteralTypeButReferencesAreSkipped() {
    assertThat(
            stepProblems(
                FETCH
                    + ",{'id':'x','component':'transcribe','params':{'audio':'${steps.fetch.output.media}',"
                    + "'word_timestamps':'yes','task':'translate','language':['en']}}"))
        .containsExactly(
            new Problem(
                "$.steps[1].params.word_timestamps",
                "parameter 'word_timestamps' of component 'transcribe' must be a boolean, got a string"),
            new Problem(
                "$.steps[1].params.language",
                "parameter 'language' of component 'transcribe' must be a string, got an array"));
    // A whole-string reference can have any type; text around a reference makes a string.
    assertThat(stepProblems("{'id':'fetch','component':'fetch','params':{'url':'${inputs.n}'}}"))
        .isEmpty();
    assertThat(
            stepProblems(
                FETCH
                    + ",{'id':'x','component':'transcribe','params':{'audio':'${steps.fetch.output.media}','word_timestamps':'${inputs.n} '}}"))
        .extracting(Problem::path)
        .containsExactly("$.steps[1].params.word_timestamps");
  }

  @Test
  void referenceToAnUndeclaredInput() {
    assertThat(
            stepProblems(
                "{'id':'fetch','component':'fetch','params':{'url':'https://x/${inputs.path}'}}"))
        .containsExactly(
            new Problem(
                "$.steps[0].params.url",
                "${inputs.path} reads the undeclared input 'path'; declared: url, urls, n"));
  }

  @Test
  void referenceToAnUnknownStepOrItself() {
    assertThat(
            stepProblems(
                "{'id':'probe','component':'probe','params':{'media':'${steps.fecth.output.media}'}}"))
        .containsExactly(
            new Problem(
                "$.steps[0].params.media",
                "${steps.fecth.output.media} reads the unknown step 'fecth'"));
    assertThat(
            stepProblems(
                "{'id':'probe','component':'probe','params':{'media':'${steps.probe.output}'}}"))
        .containsExactly(
            new Problem(
                "$.steps[0].params.media",
                "${steps.probe.output}: a step cannot read its own output or status"));
  }

  @Test
  void itemAndIndexOnlyInForEachParams() {
    List<Problem> problems =
        stepProblems(
            "{'id':'fetch','component':'fetch','params':{'url':'${item}'}},"
                + "{'id':'each','component':'fetch','condition':'index > 0',"
                + "'for_each':{'items':'${item.urls}'},'params':{'url':'${item}#${index}'}}");
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly(
            "$.steps[0].params.url", "$.steps[1].condition", "$.steps[1].for_each.items");
    assertThat(problems.get(0).message())
        .isEqualTo("${item} is defined only inside a for_each step's params");
    assertThat(problems.get(1).message())
        .startsWith("${index} is defined only in the params of a for_each step");
    assertThat(
            problems(
                "{\"id\":\"t\",\"steps\":[{\"id\":\"w\",\"component\":\"wait\",\"params\":{\"duration\":\"1s\"}}],\"outputs\":{\"i\":\"${item}\"}}"))
        .containsExactly(
            new Problem(
                "$.outputs.i",
                "${item} is defined only in a for_each step's params, not in outputs"));
  }

  @Test
  void malformedExpressionsWithPosition() {
    assertThat(
            stepProblems(
                "{'id':'fetch','component':'fetch','params':{'url':'https://${inputs.url'}}"))
        .containsExactly(
            new Problem(
                "$.steps[0].params.url",
                "malformed reference: unclosed '${': expected '}' (at position 8)"));
    assertThat(stepProblems(FETCH.replace("}}", "},'condition':'inputs.url = 1'}")))
        .containsExactly(
            new Problem(
                "$.steps[0].condition",
                "malformed condition: unknown operator '='; equality is '==' (at position 11)"));
  }

  @Test
  void malformedDurations() {
    List<Problem> problems =
        stepProblems(
            FETCH.replace(
                    "}}", "},'timeout':'10 s','delay':'1h30','retry':{'initial_interval':'fast'}}")
                + ",{'id':'w','component':'wait','params':{'duration':'5 minutes'}}");
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly(
            "$.steps[0].timeout",
            "$.steps[0].delay",
            "$.steps[0].retry.initial_interval",
            "$.steps[1].params.duration");
    assertThat(problems.get(3).message()).startsWith("malformed duration '5 minutes'");
    assertThat(
            stepProblems(
                FETCH.replace("}}", "},'retry':{'initial_interval':'1m','max_interval':'10s'}}")))
        .containsExactly(
            new Problem(
                "$.steps[0].retry.max_interval",
                "max_interval 10s is shorter than initial_interval 1m"));
  }

  @Test
  void javaBuiltDefinitionsGetTheDurationParsersMessage() {
    PipelineDefinition d =
        new PipelineDefinition(
            "j",
            1,
            null,
            Map.of(),
            List.of(
                new StepSpec(
                    "w",
                    "wait",
                    Map.of("duration", "1s"),
                    null,
                    null,
                    null,
                    "1h 30m",
                    null,
                    null,
                    null)),
            null);
    assertThat(DefinitionValidator.validate(d, TestComponents.REGISTRY))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("$.steps[0].timeout");
              assertThat(p.message()).startsWith("malformed duration '1h 30m'");
            });
  }

  @Test
  void forEachItemsAndConcurrency() {
    assertThat(
            stepProblems(
                "{'id':'f','component':'fetch','for_each':{'items':'${inputs.url}'},'params':{'url':'${item}'}}"))
        .containsExactly(
            new Problem(
                "$.steps[0].for_each.items",
                "for_each.items reads input 'url', declared as string; it needs an array"));
    assertThat(
            stepProblems(
                "{'id':'f','component':'fetch','for_each':{'items':'${inputs.urls}','max_concurrency':'${inputs.url}'},'params':{'url':'${item}'}}"))
        .containsExactly(
            new Problem(
                "$.steps[0].for_each.max_concurrency",
                "max_concurrency reads input 'url', declared as string; it needs an integer"));
    assertThat(
            stepProblems(
                "{'id':'f','component':'fetch','for_each':{'items':'${inputs.urls}','max_concurrency':'${inputs.n}'},'params':{'url':'${item}'}}"))
        .isEmpty();
  }

  @Test
  void inputDefaultsMustMatchTheirType() {
    assertThat(
            problems(
                Defs.definition(
                    Defs.q(
                        "'a':{'type':'integer','default':1.5},'b':{'type':'array','default':[]},'c':{'type':'string','required':true,'default':'x'}"),
                    Defs.q("{'id':'w','component':'wait','params':{'duration':'1s'}}"))))
        .containsExactly(
            new Problem(
                "$.inputs.a.default", "default a number does not match the input's type integer"),
            new Problem("$.inputs.c.required", "a required input's default would never be used"));
  }

  @Test
  void outputsWithBadReferences() {
    assertThat(
            problems(
                Defs.definition(
                    "",
                    Defs.q("{'id':'w','component':'wait','params':{'duration':'1s'}}"),
                    Defs.q(
                        "{'a':'${steps.nope.output}','b':'${inputs.x}','c':'${steps.w.status}','d':'${steps.w.output'}"))))
        .extracting(Problem::path)
        .containsExactly("$.outputs.a", "$.outputs.b", "$.outputs.d");
  }
}
