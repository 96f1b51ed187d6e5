package org.sttplatform.workflows.pipeline.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.pipeline.component.io.WorkspaceInput;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.RunState;

/**
 * A running task's state (the running step, its progress) and its cancellation: the working files
 * are cleaned up, also while a failure is being recorded, and no failure is written to the row.
 */
class TaskPipelineCancelTest extends TaskPipelineTestBase {
  @Test
  void theStateShowsTheRunningStepAndACancelCleansUpWithoutWritingTheRow() throws Exception {
    CountDownLatch transcribing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            call -> {
              transcribing.countDown();
              release.await(30, TimeUnit.SECONDS);
              return output(call.getArgument(0));
            })
        .when(engine)
        .transcribe(any());
    PipelineWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, TaskPipelines.run(urlRequest()));
    assertThat(transcribing.await(30, TimeUnit.SECONDS)).isTrue();

    RunState state = workflow.state();
    assertThat(state.running()).containsExactly(TaskPipelines.TRANSCRIBING);
    assertThat(state.progressWithin(TaskPipelines.TRANSCRIBING, 0.5))
        .isBetween(state.progress(), 1.0);
    assertThat(state.progressWithin(TaskPipelines.TRANSCRIBING, 1.0)).isEqualTo(1.0);

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();
    release.countDown();
    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> stub.getResult(60, TimeUnit.SECONDS, Map.class));
    assertThat(failure.getCause()).isInstanceOf(CanceledFailure.class);
    verify(media).cleanUp(new WorkspaceInput(WORKSPACE));
    // (A transcript that lands together with the cancel may still be written: a deleted row
    // ignores it.)
    verify(store, never()).failed(anyLong(), anyString());
  }

  /** The task is deleted while its failure is being recorded: the working files still go. */
  @Test
  void aCancelWhileRecordingAFailureStillCleansUp() throws Exception {
    doThrow(ApplicationFailure.newNonRetryableFailure("bad", Failures.BAD_MEDIA))
        .when(media)
        .extractAudio(any());
    CountDownLatch recording = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            call -> {
              recording.countDown();
              release.await(30, TimeUnit.SECONDS);
              return null;
            })
        .when(store)
        .failed(anyLong(), anyString());
    PipelineWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, TaskPipelines.run(urlRequest()));
    assertThat(recording.await(30, TimeUnit.SECONDS)).isTrue();

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();
    release.countDown();
    catchThrowableOfType(
        WorkflowFailedException.class, () -> stub.getResult(20, TimeUnit.SECONDS, Map.class));

    verify(store).failed(TASK, "bad");
    verify(media).cleanUp(new WorkspaceInput(WORKSPACE));
  }
}
