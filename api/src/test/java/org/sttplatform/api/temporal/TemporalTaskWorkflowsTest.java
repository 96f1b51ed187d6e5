package org.sttplatform.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscriptionRequest;

/** Start and cancel against a real (in-process) Temporal frontend; no worker is needed. */
class TemporalTaskWorkflowsTest {
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final TemporalTaskWorkflows workflows =
      new TemporalTaskWorkflows(env.getWorkflowClient(), true);

  @AfterEach
  void close() {
    env.close();
  }

  private static TranscriptionRequest request(long id) {
    return new TranscriptionRequest(
        id, "https://cdn.example.com/a.mp3", null, false, "base", DecodeOptions.defaults());
  }

  private WorkflowExecutionStatus status(long id) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(WorkflowIds.transcription(id))
        .describe()
        .getStatus();
  }

  @Test
  void startingARunningTaskAgainIsANoOp() {
    workflows.start(request(7), TaskPriority.NORMAL);
    workflows.start(request(7), TaskPriority.HIGH);

    assertThat(status(7)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void cancelIgnoresAnUnknownWorkflowAndCancelsARunningOne() {
    workflows.cancel(404);
    workflows.start(request(8), TaskPriority.NORMAL);

    workflows.cancel(8);

    // Without a worker the cancel request is recorded and waits for the workflow to act on it.
    assertThat(
            env.getWorkflowClient()
                .fetchHistory(WorkflowIds.transcription(8))
                .getHistory()
                .getEventsList())
        .anyMatch(e -> e.hasWorkflowExecutionCancelRequestedEventAttributes());
  }

  @Test
  void cancelFailsWhenTheFrontendIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + closedPort)
                .setRpcTimeout(Duration.ofSeconds(2))
                .build());
    try {
      TemporalTaskWorkflows unreachable =
          new TemporalTaskWorkflows(WorkflowClient.newInstance(stubs), true);

      assertThatThrownBy(() -> unreachable.cancel(9)).isInstanceOf(RuntimeException.class);
    } finally {
      stubs.shutdownNow();
    }
  }
}
