package org.sttplatform.workflows.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.fleet.SharedQueueLeases;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.TranscribeSplit;
import org.sttplatform.workflows.pipeline.component.io.AudioOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.java.TaskPipelines;

/**
 * A {@code tasks/create} task whose audio is longer than the split span, on the engine: the parts
 * as the transcribing step's work, its progress from the finished parts, the stitched transcript in
 * the task row, and the history replayed by a worker with another span. The transcription workers
 * are a test double of the split activities (the real ones: worker-gpu's LongFileSplitPartsTest and
 * LongFileSplitRetryTest).
 */
class LongFileSplitEngineTest {
  private static final long TASK = 42;
  private static final double SPAN = 20;
  private static final TranscriptRef STITCHED =
      new TranscriptRef("work/runs/task-42/a2/transcript.json", "en", 0.9, 6, 3.0);

  /** The engine with the split off, as a CPU worker started with {@code STT_SPLIT_SECONDS=0}. */
  public static class NeverSplit extends PipelineWorkflowImpl {
    public NeverSplit() {
      super(ComponentRegistry.builtIn(), 0);
    }
  }

  private final MediaComponents media =
      mock(MediaComponents.class, withSettings().withoutAnnotations());
  private final TranscribeComponent onePass =
      mock(TranscribeComponent.class, withSettings().withoutAnnotations());
  private final TaskStoreActivities store =
      mock(TaskStoreActivities.class, withSettings().withoutAnnotations());
  private final Parts split = new Parts();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    ComponentRegistry registry = ComponentRegistry.builtIn();
    env.newWorker(TaskQueues.CPU)
        .registerWorkflowImplementationFactory(
            PipelineWorkflow.class, () -> new PipelineWorkflowImpl(registry, SPAN));
    env.getWorkerFactory().getWorker(TaskQueues.CPU).registerActivitiesImplementations(media);
    env.newWorker(TaskQueues.GPU)
        .registerActivitiesImplementations(onePass, split, new SharedQueueLeases("test-gpu"));
    env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(store);
    when(onePass.transcribe(any()))
        .thenReturn(
            new TranscribeOutput(TASK, null, "en", 0.9, 10, "base", 1, null, null, STITCHED));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private void audio(double seconds) {
    when(media.extractAudio(any()))
        .thenReturn(new AudioOutput(new AudioRef("work/runs/task-42/a2/audio.wav", seconds), null));
    env.start();
  }

  private PipelineWorkflow workflow() {
    return client.newWorkflowStub(
        PipelineWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.CPU)
            .setWorkflowId(WorkflowIds.transcription(TASK))
            .build());
  }

  private static PipelineRun upload() {
    return TaskPipelines.run(
        new TranscriptionRequest(
            TASK, null, "uploads/u/a.mp4", true, "base", DecodeOptions.defaults()));
  }

  @Test
  void theStepRunsThePartsAndTheTaskGetsTheStitchedTranscript() throws Exception {
    audio(50);
    split.hold = new CountDownLatch(1);
    PipelineWorkflow run = workflow();
    WorkflowClient.start(run::run, upload());

    // Parts 1 and 2 (40.2 of the 50 s) done, part 3 running: the step is 80.4 % done.
    PipelineWorkflow query =
        client.newWorkflowStub(PipelineWorkflow.class, WorkflowIds.transcription(TASK));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    RunState state = query.state();
    while (state.partial() == null || state.partial().get(TaskPipelines.TRANSCRIBING) < 0.8) {
      assertThat(System.nanoTime()).as("parts 1 and 2 finish").isLessThan(deadline);
      Thread.sleep(20);
      state = query.state();
    }
    assertThat(state.partial().get(TaskPipelines.TRANSCRIBING)).isCloseTo(0.804, within(1e-9));
    double share = state.shares().get(TaskPipelines.TRANSCRIBING);
    assertThat(state.progressWithin(TaskPipelines.TRANSCRIBING, 0.804))
        .isCloseTo(state.progress() + 0.804 * share, within(1e-9));
    split.hold.countDown();
    WorkflowStub.fromTyped(run).getResult(Map.class);

    // Three parts: their clips, no inline text, the step's own parameters.
    assertThat(split.parts).hasSize(3);
    List<Map<String, Object>> parts = new ArrayList<>(split.parts);
    parts.sort((a, b) -> ((Number) a.get("part")).intValue() - ((Number) b.get("part")).intValue());
    double[][] clips = {{0, 19.5}, {19.5, 40.2}, {40.2, 50}};
    for (int i = 0; i < 3; i++) {
      Map<String, Object> in = parts.get(i);
      assertThat(in).containsEntry("part", i + 1).containsEntry("inline", false);
      assertThat(in).containsEntry("task_id", (int) TASK).containsEntry("model", "base");
      assertThat(((Map<?, ?>) in.get("options")).get("clip_timestamps"))
          .isEqualTo(List.of(clips[i][0], clips[i][1]));
    }
    // One stitch of the parts in order, into the task's row.
    assertThat(split.stitched).hasSize(1);
    TranscribeSplit.StitchInput stitch = split.stitched.get(0);
    assertThat(stitch.taskId()).isEqualTo(TASK);
    assertThat(stitch.inline()).isFalse();
    assertThat(stitch.parts())
        .extracting(TranscriptRef::key)
        .containsExactly("part-1.json", "part-2.json", "part-3.json");
    verify(store).completed(TASK, STITCHED);
    verify(onePass, never()).transcribe(any());

    // A worker started with another span (here: never split) replays the run as it ran.
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(WorkflowIds.transcription(TASK)), NeverSplit.class);
  }

  @Test
  void aPartThatFailsForGoodFailsTheTaskWithItsMessageAndNothingIsStitched() {
    audio(50);
    split.failing = 2;

    assertThatThrownBy(() -> workflow().run(upload())).isInstanceOf(WorkflowFailedException.class);

    ArgumentCaptor<String> message = ArgumentCaptor.forClass(String.class);
    verify(store).failed(eq(TASK), message.capture());
    assertThat(message.getValue()).contains("part 2 is not audio");
    assertThat(split.stitched).isEmpty();
    verify(store, never()).completed(anyLong(), any());
  }

  @Test
  void audioNoLongerThanTheSpanIsOnePassWithoutAPlan() {
    audio(SPAN);

    workflow().run(upload());

    verify(onePass).transcribe(any());
    assertThat(split.planned).isZero();
  }

  /** The split activities: plans cuts at 19.5 and 40.2 s, and records what it was given. */
  public static final class Parts implements TranscribeSplit {
    final List<Map<String, Object>> parts = Collections.synchronizedList(new ArrayList<>());
    final List<StitchInput> stitched = Collections.synchronizedList(new ArrayList<>());
    volatile int planned;
    volatile CountDownLatch hold;
    volatile int failing;

    @Override
    public SplitPlan plan(PlanInput input) {
      planned++;
      double end = input.audio().durationSeconds();
      return new SplitPlan(List.of(new Part(0, 19.5), new Part(19.5, 40.2), new Part(40.2, end)));
    }

    @Override
    public TranscriptRef part(Map<String, Object> input) {
      parts.add(input);
      int number = ((Number) input.get("part")).intValue();
      if (number == failing) {
        throw ApplicationFailure.newNonRetryableFailure(
            "part " + number + " is not audio", Failures.BAD_MEDIA);
      }
      if (number == 3 && hold != null) {
        try {
          hold.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new TranscriptRef("part-" + number + ".json", "en", 0.9, 2, 1.0);
    }

    @Override
    public TranscribeOutput stitch(StitchInput input) {
      stitched.add(input);
      return new TranscribeOutput(
          input.taskId(), null, "en", 0.9, 50, "base", 6, null, null, STITCHED);
    }
  }
}
