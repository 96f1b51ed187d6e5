package org.sttplatform.workflows.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sttplatform.workflows.WorkflowIds;

/**
 * Determinism: histories recorded from runs of a linear, a parallel and a conditional definition
 * (committed under {@code pipeline/history/}) replay on today's interpreter without a
 * non-deterministic step, and a changed definition is caught. Rewrite them with {@code
 * -Dstt.record.histories=workflows/src/test/resources/pipeline/history} when a change of the
 * interpreter is meant to be incompatible (and version it).
 */
class PipelineReplayTest {
  static final Map<String, Map<String, Object>> INPUTS =
      Map.of(
          "linear", Map.of("name", "Ada"),
          "parallel", Map.of(),
          "conditional", Map.of("language", "en"));

  @ParameterizedTest
  @ValueSource(strings = {"linear", "parallel", "conditional"})
  void recordedHistoriesReplay(String name) throws Exception {
    String record = System.getProperty("stt.record.histories");
    if (record != null) {
      Files.writeString(Path.of(record, name + ".json"), recordHistory(name).toJson(true));
    }

    WorkflowExecutionHistory history = load(name);

    WorkflowReplayer.replayWorkflowExecution(history, PipelineWorkflowImpl.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"linear", "parallel", "conditional"})
  void aChangedInterpreterIsCaught(String name) throws Exception {
    // Shows that the replay above checks something: an interpreter that schedules anything else
    // first does not replay these histories.
    WorkflowExecutionHistory history = load(name);

    assertThatThrownBy(
            () -> WorkflowReplayer.replayWorkflowExecution(history, StartsWithATimer.class))
        // The replayer reports it as a failed query whose message carries the exception.
        .hasMessageContaining(NonDeterministicException.class.getName());
  }

  /** An incompatible change of the interpreter: a timer before the steps. */
  public static class StartsWithATimer extends PipelineWorkflowImpl {
    @Override
    public Map<String, Object> run(PipelineRun run) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.run(run);
    }
  }

  private static WorkflowExecutionHistory load(String name) throws Exception {
    try (InputStream in =
        PipelineReplayTest.class.getResourceAsStream("/pipeline/history/" + name + ".json")) {
      assertThat(in).as("recorded history of %s", name).isNotNull();
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static WorkflowExecutionHistory recordHistory(String name) throws Exception {
    EchoComponents.reset();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      EngineTestWorkers.register(env);
      env.start();
      String runId = "replay-" + name;
      EngineTestWorkers.run(env, runId, PipelineWorkflowTest.definition(name), INPUTS.get(name));
      return env.getWorkflowClient().fetchHistory(WorkflowIds.pipelineRun(runId));
    }
  }
}
