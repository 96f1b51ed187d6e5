package org.sttplatform.workflows.pipeline.java;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mockito.ArgumentCaptor;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.fleet.SharedQueueLeases;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.AudioOutput;
import org.sttplatform.workflows.pipeline.component.io.ExtractAudioInput;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;
import org.sttplatform.workflows.pipeline.component.io.ProbeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflowImpl;

/**
 * The set-up the tests of a {@code tasks/create} task's pipeline ({@link TaskPipelines}) on the
 * engine share: a fresh Temporal test environment per test with the CPU, GPU and store workers,
 * mocked media, transcription and task-row activities, and the seed task's request and stub.
 */
abstract class TaskPipelineTestBase {
  static final long TASK = 42;
  static final String URL = "https://example.com/a.mp4";
  static final String WORKSPACE = "task-42";
  static final MediaRef DOWNLOADED = new MediaRef("work/runs/task-42/a1/source.mp4", "a.mp4", 10);
  static final MediaInfo INFO = new MediaInfo(10.0, "mov,mp4", "aac", 44100, 2, 10);
  static final AudioRef AUDIO = new AudioRef("work/runs/task-42/a2/audio.wav", 10.0);
  static final TranscriptRef TRANSCRIPT =
      new TranscriptRef("work/runs/task-42/a2/transcript.json", "en", 0.9, 3, 1.5);

  final MediaComponents media = mock(MediaComponents.class, withSettings().withoutAnnotations());
  final TranscribeComponent engine =
      mock(TranscribeComponent.class, withSettings().withoutAnnotations());
  final TaskStoreActivities store =
      mock(TaskStoreActivities.class, withSettings().withoutAnnotations());

  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    ComponentRegistry registry = ComponentRegistry.builtIn();
    env.newWorker(TaskQueues.CPU)
        .registerWorkflowImplementationFactory(
            PipelineWorkflow.class, () -> new PipelineWorkflowImpl(registry));
    env.getWorkerFactory().getWorker(TaskQueues.CPU).registerActivitiesImplementations(media);
    env.newWorker(TaskQueues.GPU)
        .registerActivitiesImplementations(engine, new SharedQueueLeases("test-gpu"));
    env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(store);
    when(media.fetch(any())).thenReturn(new MediaOutput(DOWNLOADED));
    when(media.extractAudio(any()))
        .thenAnswer(
            call -> {
              ExtractAudioInput in = call.getArgument(0);
              return new AudioOutput(
                  AUDIO, Boolean.TRUE.equals(in.probe()) ? ProbeOutput.of(INFO) : null);
            });
    when(engine.transcribe(any())).thenAnswer(call -> output(call.getArgument(0)));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  TranscribeStepInput transcribeInput() {
    ArgumentCaptor<TranscribeStepInput> input = ArgumentCaptor.forClass(TranscribeStepInput.class);
    verify(engine, org.mockito.Mockito.atLeastOnce()).transcribe(input.capture());
    return input.getValue();
  }

  static TranscribeOutput output(TranscribeStepInput input) {
    return new TranscribeOutput(
        input.taskId(), null, "en", 0.9, 10.0, "base", 3, null, null, TRANSCRIPT);
  }

  PipelineWorkflow workflow() {
    return client.newWorkflowStub(
        PipelineWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.CPU)
            .setWorkflowId(WorkflowIds.transcription(TASK))
            .setWorkflowRunTimeout(Duration.ofDays(1))
            .build());
  }

  /** With the options the component also takes as parameters of its own. */
  static TranscriptionRequest urlRequest() {
    DecodeOptions d = DecodeOptions.defaults();
    DecodeOptions options =
        new DecodeOptions(
            "de",
            d.temperature(),
            d.compressionRatioThreshold(),
            d.noSpeechThreshold(),
            d.conditionOnPreviousText(),
            "Hallo",
            true,
            d.prependPunctuations(),
            d.appendPunctuations(),
            d.clipTimestamps(),
            d.hallucinationSilenceThreshold());
    return new TranscriptionRequest(TASK, URL, null, false, "base", options);
  }

  static DecodeOptions options() {
    return DecodeOptions.defaults();
  }
}
