package org.sttplatform.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.sttplatform.workflows.WorkflowIds;

/** The bounded wait of the OpenAI endpoints on a real (test) Temporal server. */
class TaskCompletionTest {
  private static final String QUEUE = "openai-wait-test";

  @WorkflowInterface
  public interface Endless {
    @WorkflowMethod
    void run();
  }

  public static class EndlessImpl implements Endless {
    @Override
    public void run() {
      Workflow.await(() -> false);
    }
  }

  private final TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(
          // wall-clock time: the wait under test is the client's, not the workflow's
          TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void aTaskStillRunningAtTheMaxWaitIsA504NamingItAndKeepsRunning() {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(EndlessImpl.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    Endless endless =
        client.newWorkflowStub(
            Endless.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId(WorkflowIds.transcription(42))
                .build());
    WorkflowClient.start(endless::run);

    // The store is only read once the workflow has ended, which it does not here.
    TaskCompletion completion = new TaskCompletion(client, null, Duration.ofMillis(500));
    long started = System.nanoTime();
    assertThatThrownBy(() -> completion.await(42, started))
        .isInstanceOfSatisfying(
            OpenAiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
              assertThat(e.getMessage()).contains("Task 42", "STT_OPENAI_MAX_WAIT", "task_id=42");
              assertThat(OpenAiError.typeOf(e.status().value())).isEqualTo("server_error");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(
            client
                .newUntypedWorkflowStub(WorkflowIds.transcription(42))
                .describe()
                .getStatus()
                .name())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
  }
}
