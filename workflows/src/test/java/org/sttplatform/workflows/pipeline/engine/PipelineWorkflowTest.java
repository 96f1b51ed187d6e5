package org.sttplatform.workflows.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.io.AudioOutput;
import org.sttplatform.workflows.pipeline.component.io.ExtractAudioInput;
import org.sttplatform.workflows.pipeline.component.io.FetchInput;
import org.sttplatform.workflows.pipeline.component.io.HttpRequestInput;
import org.sttplatform.workflows.pipeline.component.io.HttpRequestOutput;
import org.sttplatform.workflows.pipeline.component.io.MediaInput;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;
import org.sttplatform.workflows.pipeline.component.io.ProbeOutput;
import org.sttplatform.workflows.pipeline.component.io.WorkspaceInput;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * The interpreter on Temporal's test environment, with the {@link EchoComponents echo} component:
 * references, parallel branches, conditions, for_each, retries, failure handling, timers, outputs.
 */
class PipelineWorkflowTest {
  static final ObjectMapper JSON = new ObjectMapper();

  private TestWorkflowEnvironment env;
  private final List<String> cleanedUp = new CopyOnWriteArrayList<>();
  private final RecordingRunStore runStore = new RecordingRunStore();

  @BeforeEach
  void setUp() {
    EchoComponents.reset();
    env = TestWorkflowEnvironment.newInstance();
    EngineTestWorkers.register(env, cleanedUp, runStore);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void referencesCarryOutputsFromStepToStepAndIntoTheOutputs() throws Exception {
    Map<String, Object> outputs = run("linear", "r1", Map.of("name", "Ada"));

    assertThat(outputs)
        .containsEntry("greeting", "Hello Ada, 3 letters")
        .containsEntry("first", Map.of("who", "Ada"));
    RunState state = stub("r1").query("state", RunState.class);
    assertThat(state.status()).isEqualTo(RunState.COMPLETED);
    assertThat(state.progress()).isEqualTo(1.0);
    assertThat(state.steps().keySet()).containsExactly("first", "count", "greet");
    assertThat(state.steps().values()).allMatch(s -> s.status().equals(StepState.COMPLETED));
    assertThat(state.steps().get("greet").startedAt())
        .isGreaterThanOrEqualTo(state.steps().get("count").endedAt());
    assertThat(cleanedUp).containsExactly("r1");
    assertThat(runStore.ended)
        .containsExactly(new RecordingRunStore.Ended("r1", RunState.COMPLETED, outputs, null));
  }

  @Test
  void independentStepsRunInParallel() throws Exception {
    Map<String, Object> outputs = run("parallel", "r2", Map.of());

    assertThat(outputs).containsEntry("both", List.of("left", "right"));
    EchoComponents.Call left = call("left");
    EchoComponents.Call right = call("right");
    assertThat(left.start()).isLessThan(right.end());
    assertThat(right.start()).isLessThan(left.end());
    assertThat(call("join").start()).isGreaterThanOrEqualTo(Math.max(left.end(), right.end()));
  }

  @Test
  void aFalseConditionSkipsTheStepAndATrueOneRunsIt() throws Exception {
    Map<String, Object> outputs = run("conditional", "r3", Map.of("language", "en"));

    RunState state = stub("r3").query("state", RunState.class);
    assertThat(state.steps().get("english").status()).isEqualTo(StepState.COMPLETED);
    assertThat(state.steps().get("other").status()).isEqualTo(StepState.SKIPPED);
    assertThat(EchoComponents.CALLS).extracting(EchoComponents.Call::key).doesNotContain("other");
    assertThat(outputs).containsEntry("english_status", "completed");
  }

  @Test
  void forEachRunsOncePerElementWithBoundedConcurrencyAndKeepsTheOrder() throws Exception {
    List<String> urls = List.of("a", "b", "c", "d", "e");

    Map<String, Object> outputs = run("for_each", "r4", Map.of("items", urls));

    assertThat(outputs.get("values")).isEqualTo(List.of("0:a", "1:b", "2:c", "3:d", "4:e"));
    assertThat(EchoComponents.CALLS).hasSize(5);
    assertThat(EchoComponents.MAX_IN_FLIGHT.get()).isEqualTo(2);
  }

  @Test
  void aStepRetriesAsItsRetryPolicySays() throws Exception {
    Map<String, Object> outputs = run("retry", "r5", Map.of());

    assertThat(outputs).containsEntry("attempt", 3);
  }

  @Test
  void aFailedStepWithContinueLetsTheRunGoOn() throws Exception {
    Map<String, Object> outputs = run("continue", "r6", Map.of());

    RunState state = stub("r6").query("state", RunState.class);
    assertThat(state.steps().get("flaky").status()).isEqualTo(StepState.FAILED);
    assertThat(state.steps().get("flaky").error()).contains("echo flaky failed on attempt 1");
    assertThat(outputs).containsEntry("after", "flaky was failed");
  }

  @Test
  void aFailedStepRunsItsCompensationAndFailsTheRun() throws Exception {
    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> run("compensate", "r7", Map.of()));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.RUN_FAILED);
    assertThat(cause.getOriginalMessage())
        .isEqualTo("Step 'broken' failed: echo broken failed on attempt 1");
    RunState state = stub("r7").query("state", RunState.class);
    assertThat(state.status()).isEqualTo(RunState.FAILED);
    assertThat(state.steps().get("undo").status()).isEqualTo(StepState.COMPLETED);
    assertThat(state.steps().get("later").status())
        .as("no new step starts after a failure")
        .isEqualTo(StepState.PENDING);
    assertThat(EchoComponents.CALLS)
        .extracting(EchoComponents.Call::key)
        .containsExactly("broken", "undo");
    assertThat(cleanedUp).containsExactly("r7");
    assertThat(runStore.ended)
        .containsExactly(
            new RecordingRunStore.Ended(
                "r7",
                RunState.FAILED,
                null,
                "Step 'broken' failed: echo broken failed on attempt 1"));
  }

  @Test
  void aCancelledRunRecordsItsEndAndCleansUp() throws Exception {
    WorkflowClient.start(
        workflowStub("r9")::run, new PipelineRun("r9", definition("wait_set"), Map.of("n", 1)));
    WorkflowStub stub = stub("r9");
    for (int i = 0; i < 100 && stub.query("state", RunState.class).running().isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(stub.query("state", RunState.class).running()).containsExactly("pause");

    stub.cancel();

    catchThrowableOfType(WorkflowFailedException.class, () -> stub.getResult(Map.class));
    assertThat(stub.query("state", RunState.class).status()).isEqualTo(RunState.CANCELLED);
    assertThat(cleanedUp).containsExactly("r9");
    assertThat(runStore.ended)
        .containsExactly(
            new RecordingRunStore.Ended("r9", RunState.CANCELLED, null, "The run was cancelled"));
  }

  @Test
  void outputsThatCannotBeComputedFailTheRunInsteadOfRetryingForever() {
    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> run("skipped_output", "r9", Map.of()));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.RUN_FAILED);
    assertThat(cause.getOriginalMessage())
        .startsWith("The outputs cannot be computed: ")
        .contains("steps.never.output.value");
    assertThat(stub("r9").query("state", RunState.class).status()).isEqualTo(RunState.FAILED);
  }

  @Test
  void waitAndSetRunInTheWorkflow() throws Exception {
    long before = env.currentTimeMillis();

    Map<String, Object> outputs = run("wait_set", "r8", Map.of("n", 2));

    assertThat(env.currentTimeMillis() - before).isGreaterThanOrEqualTo(90_000);
    assertThat(outputs).containsEntry("doubled", Map.of("n", 2, "label", "n=2"));
  }

  private EchoComponents.Call call(String key) {
    return EchoComponents.CALLS.stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> run(String definition, String runId, Map<String, Object> inputs)
      throws Exception {
    return EngineTestWorkers.run(env, runId, definition(definition), inputs);
  }

  private PipelineWorkflow workflowStub(String runId) {
    return EngineTestWorkers.stub(env, runId);
  }

  static PipelineDefinition definition(String name) throws Exception {
    try (InputStream in =
        PipelineWorkflowTest.class.getResourceAsStream("/pipeline/" + name + ".json")) {
      return JSON.readValue(in, PipelineDefinition.class);
    }
  }

  private WorkflowStub stub(String runId) {
    WorkflowClient client = env.getWorkflowClient();
    return client.newUntypedWorkflowStub(WorkflowIds.pipelineRun(runId));
  }

  /** The engine's clean-up on the CPU queue; the other media components are not used here. */
  static final class CleanUpOnly implements MediaComponents {
    private final List<String> cleanedUp;

    CleanUpOnly(List<String> cleanedUp) {
      this.cleanedUp = cleanedUp;
    }

    @Override
    public MediaOutput fetch(FetchInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ProbeOutput probe(MediaInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AudioOutput extractAudio(ExtractAudioInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public HttpRequestOutput httpRequest(HttpRequestInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void cleanUp(WorkspaceInput input) {
      cleanedUp.add(input.workspace());
    }
  }
}
