package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.activities.llm.FakeOpenAi;
import org.sttplatform.activities.llm.LlmSettings;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.pipeline.definition.PipelineBuilder;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.RunStoreActivities;

/**
 * The {@code summarize} component as a pipeline runs it: the engine and the component on the CPU
 * worker ({@link CpuWorker#register}), the LLM a local OpenAI-compatible fake.
 */
class SummarizeComponentTest {
  static final String KEY = "sk-worker-key-ZXCV0987";
  static final FakeOpenAi LLM = new FakeOpenAi();

  @TempDir Path dataDir;
  private TestWorkflowEnvironment env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
    LLM.reset();
  }

  @AfterAll
  static void stopServer() {
    LLM.close();
  }

  private void start(String key, int contextTokens) {
    env = TestWorkflowEnvironment.newInstance();
    CpuWorker.register(
        env.getWorkerFactory(),
        CpuWorkerSettings.defaults(dataDir),
        new LlmSettings(
            LLM.baseUrl(), key, "gpt-4o-mini", contextTokens, Duration.ofSeconds(10), 1));
    env.newWorker(TaskQueues.STORE)
        .registerActivitiesImplementations((RunStoreActivities) (run, status, out, error) -> {});
    env.start();
  }

  /** A transcribe step's output shape: text, language, segments (id, start, end, text). */
  static Map<String, Object> transcript(int segments, int words) {
    List<Object> list = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= segments; i++) {
      String s = " Speaker point " + i + (" blah").repeat(words) + ".";
      text.append(s);
      list.add(Map.of("id", i, "start", i * 2.0, "end", i * 2.0 + 2, "text", s));
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("text", text.toString().strip());
    t.put("language", "en");
    t.put("language_probability", 0.98);
    t.put("duration", segments * 2.0);
    t.put("model", "base");
    t.put("segments", list);
    return t;
  }

  static PipelineDefinition definition() {
    return PipelineBuilder.pipeline("summary_test", 1)
        .step("transcript", "set")
        .param("values", "${inputs.transcript}")
        .add()
        .step("summary", "summarize")
        .param("transcript", "${steps.transcript.output}")
        .param("prompt", "Key points, please.")
        .param("output_language", "de")
        .add()
        .output("summary", "${steps.summary.output.summary}")
        .output("model", "${steps.summary.output.model}")
        .output("chunks", "${steps.summary.output.chunks}")
        .build();
  }

  private Map<String, Object> run(String runId, Map<String, Object> transcript) {
    PipelineWorkflow stub =
        env.getWorkflowClient()
            .newWorkflowStub(
                PipelineWorkflow.class,
                io.temporal.client.WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId(WorkflowIds.pipelineRun(runId))
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(2))
                    .build());
    return stub.run(new PipelineRun(runId, definition(), Map.of("transcript", transcript)));
  }

  @Test
  void aLongTranscriptIsSummarisedInChunksWithTheWorkersKey() {
    start(KEY, 1024);
    Map<String, Object> out = run("r1", transcript(80, 30));

    List<FakeOpenAi.Seen> seen = LLM.requests();
    int chunks = ((Number) out.get("chunks")).intValue();
    assertThat(chunks).isGreaterThan(1);
    assertThat(seen).hasSize(chunks + 1);
    assertThat(seen).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + KEY));
    assertThat(seen).allSatisfy(s -> assertThat(s.system()).contains("'de'"));
    assertThat(seen.get(0).user()).contains("Key points, please.").contains("Speaker point 1 ");
    assertThat(out.get("summary"))
        .isEqualTo(
            "Summary #"
                + seen.size()
                + " of "
                + org.sttplatform.activities.llm.TokenEstimator.estimate(
                    seen.get(seen.size() - 1).user())
                + " tokens");
    assertThat(out.get("model")).isEqualTo("gpt-4o-mini-2024-07-18");
  }

  @Test
  void withoutAConfiguredKeyTheStepFailsAtOnceNamingTheSetting() {
    start(null, 4096);
    Throwable thrown = catchThrowable(() -> run("r2", transcript(3, 3)));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(Failures.RUN_FAILED);
    assertThat(failure.getOriginalMessage()).contains("summary").contains("STT_LLM_API_KEY");
    assertThat(LLM.requests()).isEmpty();
  }

  @Test
  void aRejectedRequestIsNotRetriedAndItsMessageHidesTheKey() {
    start(KEY, 4096);
    LLM.failAlways(404, "The model `nope` does not exist (key " + KEY + ")");
    Throwable thrown = catchThrowable(() -> run("r3", transcript(3, 3)));

    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getOriginalMessage())
        .contains("HTTP 404")
        .contains("does not exist")
        .doesNotContain(KEY);
    assertThat(LLM.requests()).hasSize(1);
  }
}
