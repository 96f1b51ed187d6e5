package org.sttplatform.workflows.pipeline.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.callback.CallbackActivities;
import org.sttplatform.workflows.callback.CallbackWorkflow;
import org.sttplatform.workflows.callback.CallbackWorkflowImpl;
import org.sttplatform.workflows.fleet.SharedQueueLeases;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.AudioOutput;
import org.sttplatform.workflows.pipeline.component.io.CallbackInput;
import org.sttplatform.workflows.pipeline.component.io.CallbackOutput;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflowImpl;

/**
 * The engine's callback hook: a task run with a callback starts its delivery (an abandoned child,
 * {@code stt-callback-<task>}) once the row is written, completed or failed; the delivery retries
 * until the window closes and then marks the callback dead.
 */
class TaskCallbackWorkflowTest {
  private static final long TASK = 42;
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final MediaRef DOWNLOADED = new MediaRef("work/runs/task-42/a1/a.mp4", "a", 1);
  private static final AudioRef AUDIO = new AudioRef("work/runs/task-42/a2/audio.wav", 10.0);
  private static final TranscriptRef TRANSCRIPT =
      new TranscriptRef("work/runs/task-42/a2/transcript.json", "en", 0.9, 3, 1.5);

  private final MediaComponents media =
      mock(MediaComponents.class, withSettings().withoutAnnotations());
  private final TranscribeComponent engine =
      mock(TranscribeComponent.class, withSettings().withoutAnnotations());
  private final TaskStoreActivities store =
      mock(TaskStoreActivities.class, withSettings().withoutAnnotations());
  private final CallbackActivities callbacks =
      mock(CallbackActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    ComponentRegistry registry = ComponentRegistry.builtIn();
    var cpu = env.newWorker(TaskQueues.CPU);
    cpu.registerWorkflowImplementationFactory(
        PipelineWorkflow.class, () -> new PipelineWorkflowImpl(registry));
    cpu.registerWorkflowImplementationFactory(
        CallbackWorkflow.class, () -> new CallbackWorkflowImpl(WINDOW));
    cpu.registerActivitiesImplementations(media);
    env.newWorker(TaskQueues.GPU)
        .registerActivitiesImplementations(engine, new SharedQueueLeases("test-gpu"));
    env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(store, callbacks);
    when(media.fetch(any())).thenReturn(new MediaOutput(DOWNLOADED));
    when(media.extractAudio(any())).thenReturn(new AudioOutput(AUDIO, null));
    when(engine.transcribe(any()))
        .thenAnswer(
            call -> {
              TranscribeStepInput in = call.getArgument(0);
              return new TranscribeOutput(
                  in.taskId(), null, "en", 0.9, 10.0, "base", 3, null, null, TRANSCRIPT);
            });
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aCompletedTaskWithACallbackStartsItsDeliveryAfterTheRowIsWritten() {
    when(callbacks.deliver(any())).thenReturn(new CallbackOutput(204, 1, "d"));

    workflow().run(TaskPipelines.run(request(true)));
    awaitDelivery();

    ArgumentCaptor<CallbackInput> input = ArgumentCaptor.forClass(CallbackInput.class);
    InOrder order = inOrder(store, callbacks);
    order.verify(store).completed(TASK, TRANSCRIPT);
    order.verify(callbacks).deliver(input.capture());
    assertThat(input.getValue().taskId()).isEqualTo(TASK);
    assertThat(input.getValue().deliveryId()).isNotBlank();
    verify(callbacks, never()).dead(anyLong(), anyString());
  }

  @Test
  void aFailedTaskWithACallbackStartsItsDeliveryToo() {
    when(media.fetch(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("404", Failures.BAD_URL));
    when(callbacks.deliver(any())).thenReturn(new CallbackOutput(200, 1, "d"));

    catchThrowable(() -> workflow().run(TaskPipelines.run(request(true))));
    awaitDelivery();

    InOrder order = inOrder(store, callbacks);
    order.verify(store).failed(TASK, "404");
    order.verify(callbacks).deliver(any());
  }

  @Test
  void aTaskWithoutACallbackStartsNoDelivery() {
    workflow().run(TaskPipelines.run(request(false)));

    assertThatThrownBy(
            () ->
                client
                    .newUntypedWorkflowStub(WorkflowIds.callback(TASK))
                    .getResult(1, TimeUnit.SECONDS, Void.class))
        .isInstanceOf(WorkflowNotFoundException.class);
    verify(callbacks, never()).deliver(any());
  }

  @Test
  void aDeliveryThatNeverSucceedsIsDeadWhenTheWindowCloses() {
    when(callbacks.deliver(any()))
        .thenThrow(ApplicationFailure.newFailure("HTTP 503", Failures.CALLBACK_FAILED));

    workflow().run(TaskPipelines.run(request(true)));
    awaitDelivery();

    // Retried with back-off (time skips in the test server) until the window closed.
    verify(callbacks, atLeast(5)).deliver(any());
    ArgumentCaptor<String> reason = ArgumentCaptor.forClass(String.class);
    verify(callbacks).dead(eq(TASK), reason.capture());
    assertThat(reason.getValue())
        .startsWith("Not delivered within the retry window (PT5M)")
        .endsWith("HTTP 503");
  }

  @Test
  void aDeletedTaskEndsTheDeliveryQuietly() {
    when(callbacks.deliver(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("gone", Failures.TASK_GONE));

    workflow().run(TaskPipelines.run(request(true)));
    awaitDelivery();

    verify(callbacks).deliver(any());
    verify(callbacks, never()).dead(anyLong(), anyString());
  }

  private void awaitDelivery() {
    client.newUntypedWorkflowStub(WorkflowIds.callback(TASK)).getResult(Void.class);
  }

  private PipelineWorkflow workflow() {
    return client.newWorkflowStub(
        PipelineWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.CPU)
            .setWorkflowId(WorkflowIds.transcription(TASK))
            .build());
  }

  private static TranscriptionRequest request(boolean callback) {
    return new TranscriptionRequest(
        TASK, "https://example.com/a.mp4", null, false, null, DecodeOptions.defaults(), callback);
  }
}
