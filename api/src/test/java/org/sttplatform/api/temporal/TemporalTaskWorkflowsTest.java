package org.sttplatform.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
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

  private WorkflowExecutionDescription describe(long id) {
    return env.getWorkflowClient().newUntypedWorkflowStub(WorkflowIds.transcription(id)).describe();
  }

  @Test
  void startingARunningTaskAgainIsANoOp() {
    workflows.start(request(7), TaskPriority.NORMAL);
    String firstRun = describe(7).getExecution().getRunId();

    workflows.start(request(7), TaskPriority.HIGH);

    // The same run goes on: not terminated, not replaced by a new one.
    assertThat(describe(7).getExecution().getRunId()).isEqualTo(firstRun);
    assertThat(describe(7).getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(
            env.getWorkflowClient()
                .fetchHistory(WorkflowIds.transcription(7))
                .getHistory()
                .getEventsList())
        .noneMatch(e -> e.hasWorkflowExecutionTerminatedEventAttributes());
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

      Throwable thrown = catchThrowable(() -> unreachable.cancel(9));

      assertThat(thrown)
          .isInstanceOf(WorkflowServiceException.class)
          .isNotInstanceOf(WorkflowNotFoundException.class);
      assertThat(Status.fromThrowable(thrown).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    } finally {
      stubs.shutdownNow();
    }
  }
}
