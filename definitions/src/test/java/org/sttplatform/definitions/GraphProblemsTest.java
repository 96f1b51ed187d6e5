package org.sttplatform.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.definitions.Defs.FETCH;
import static org.sttplatform.definitions.Defs.stepProblems;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems across steps: ids, depends_on, cycles, on_failure. */
class GraphProblemsTest {
  private static final String PROBE =
      "{'id':'probe','component':'probe','params':{'media':'${steps.fetch.output.media}'}}";

  private static String waitStep(String id, String extra) {
    return "{'id':'" + id + "','component':'wait','params':{'duration':'1s'}" + extra + "}";
  }

  @Test
  void duplicateStepId() {
    assertThat(stepProblems(FETCH + "," + FETCH))
        .containsExactly(
            new Problem("$.steps[1].id", "duplicate step id 'fetch' (also at $.steps[0])"));
  }

  @Test
  void reservedStepIds() {
    assertThat(stepProblems(waitStep("continue", "")))
        .containsExactly(
            new Problem(
                "$.steps[0].id", "'continue' is reserved for on_failure; choose another step id"));
  }

  @Test
  void dependsOnAnUnknownStepOrItself() {
    assertThat(stepProblems(waitStep("a", ",'depends_on':['b','a']")))
        .containsExactly(
            new Problem("$.steps[0].depends_on[0]", "depends on the unknown step 'b'"),
            new Problem("$.steps[0].depends_on[1]", "step 'a' depends on itself"));
  }

  @Test
  void cycleThroughDependsOnAndReferencesIsNamed() {
    // fetch depends on probe explicitly; probe reads fetch's output: a cycle of two.
    List<Problem> problems =
        stepProblems(FETCH.replace("}}", "},'depends_on':['probe']}") + "," + PROBE);
    assertThat(problems)
        .containsExactly(
            new Problem(
                "$.steps[0]",
                "dependency cycle (each step depends on the next): fetch → probe → fetch"
                    + " (through depends_on and references to step outputs)"));
  }

  @Test
  void longerCyclesAndSeparateCyclesAreEachReportedOnce() {
    List<Problem> problems =
        stepProblems(
            waitStep("a", ",'depends_on':['c']")
                + ","
                + waitStep("b", ",'depends_on':['a']")
                + ","
                + waitStep("c", ",'depends_on':['b']")
                + ","
                + waitStep("x", ",'depends_on':['y']")
                + ","
                + waitStep("y", ",'condition':'steps.x.status == \\'completed\\''")
                + ","
                + waitStep("ok", ",'depends_on':['a']"));
    assertThat(problems).extracting(Problem::path).containsExactly("$.steps[0]", "$.steps[3]");
    assertThat(problems.get(0).message()).contains("a → c → b → a");
    assertThat(problems.get(1).message()).contains("x → y → x");
  }

  @Test
  void onFailureNamingAnUnknownStep() {
    assertThat(stepProblems(FETCH.replace("}}", "},'on_failure':'cleanup'}")))
        .containsExactly(
            new Problem(
                "$.steps[0].on_failure",
                "'cleanup' is neither fail, continue nor a step id (compensating step)"));
  }

  @Test
  void onFailureNamingItselfOrADependency() {
    assertThat(stepProblems(FETCH.replace("}}", "},'on_failure':'fetch'}")))
        .containsExactly(
            new Problem("$.steps[0].on_failure", "a step cannot compensate for itself"));
    assertThat(stepProblems(FETCH + "," + PROBE.replace("}}", "},'on_failure':'fetch'}")))
        .containsExactly(
            new Problem(
                "$.steps[1].on_failure",
                "compensating step 'fetch' is a dependency of 'probe': it runs before 'probe', so it cannot run when it fails"));
  }

  @Test
  void anOrdinaryStepCannotDependOnACompensatingStep() {
    assertThat(
            stepProblems(
                FETCH.replace("}}", "},'on_failure':'undo'}")
                    + ","
                    + waitStep("undo", "")
                    + ","
                    + waitStep("later", ",'depends_on':['undo']")))
        .containsExactly(
            new Problem(
                "$.steps[2]",
                "step 'later' depends on 'undo', a compensating step that runs only when 'fetch' fails"));
  }

  @Test
  void aCompensatingStepMayReadTheFailedStep() {
    assertThat(
            stepProblems(
                FETCH.replace("}}", "},'on_failure':'undo'}")
                    + ",{'id':'undo','component':'set','params':{'values':{'s':'${steps.fetch.status}'}}}"))
        .isEmpty();
  }

  @Test
  void implicitDependenciesNeedNoDependsOn() {
    // probe reads fetch's output without depends_on: fine, the reference orders them.
    assertThat(stepProblems(PROBE + "," + FETCH)).isEmpty();
  }
}
