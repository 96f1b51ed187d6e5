package org.sttplatform.workflows.pipeline.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import org.sttplatform.workflows.pipeline.component.SubtitlesComponent;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.AudioOutput;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;
import org.sttplatform.workflows.pipeline.component.io.ProbeOutput;
import org.sttplatform.workflows.pipeline.component.io.SubtitlesOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflowImpl;

/**
 * Task runs recorded on earlier code replay on today's: a task's pipeline is part of its run's
 * input, so what {@link TaskPipelines} builds for new tasks (the subtitles step, the transcribe
 * step's parameters) never changes a started run; the engine code must replay it. {@code url} and
 * {@code upload} were recorded before the subtitles step existed (their transcribe step still
 * passes {@code language}, {@code word_timestamps} and {@code initial_prompt}), {@code
 * url_subtitles} with it. Rewrite one with {@code
 * -Dstt.record.histories=workflows/src/test/resources/pipeline/history} only when an incompatible
 * engine change is meant (and versioned).
 */
class TaskPipelineReplayTest {
  private static final long TASK = 42;

  @ParameterizedTest
  @ValueSource(strings = {"url", "upload", "url_subtitles"})
  void recordedTaskRunsReplay(String name) throws Exception {
    String record = System.getProperty("stt.record.histories");
    if (record != null) {
      Files.writeString(Path.of(record, "task_" + name + ".json"), record(name).toJson(true));
    }

    WorkflowReplayer.replayWorkflowExecution(load(name), PipelineWorkflowImpl.class);
  }

  private static TranscriptionRequest request(String name) {
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
    return switch (name) {
      case "upload" ->
          new TranscriptionRequest(TASK, null, "uploads/u/a.mp4", false, null, options);
      case "url_subtitles" ->
          new TranscriptionRequest(
              TASK,
              "https://example.com/a.mp4",
              null,
              false,
              "base",
              options,
              false,
              null,
              List.of("srt", "vtt"));
      default ->
          new TranscriptionRequest(TASK, "https://example.com/a.mp4", null, false, "base", options);
    };
  }

  private static WorkflowExecutionHistory record(String name) {
    MediaComponents media = mock(MediaComponents.class, withSettings().withoutAnnotations());
    TranscribeComponent engine =
        mock(TranscribeComponent.class, withSettings().withoutAnnotations());
    SubtitlesComponent subtitles =
        mock(SubtitlesComponent.class, withSettings().withoutAnnotations());
    TaskStoreActivities store =
        mock(TaskStoreActivities.class, withSettings().withoutAnnotations());
    MediaRef downloaded = new MediaRef("work/runs/task-42/a1/a.mp4", "a.mp4", 10);
    AudioRef audio = new AudioRef("work/runs/task-42/a2/audio.wav", 10.0);
    TranscriptRef transcript =
        new TranscriptRef("work/runs/task-42/a3/transcript.json", "de", 0.9, 3, 1.5);
    when(media.fetch(any())).thenReturn(new MediaOutput(downloaded));
    when(media.extractAudio(any()))
        .thenReturn(
            new AudioOutput(
                audio, ProbeOutput.of(new MediaInfo(10.0, "mov,mp4", "aac", 44100, 2, 10))));
    when(engine.transcribe(any()))
        .thenReturn(
            new TranscribeOutput(TASK, null, "de", 0.9, 10.0, "base", 3, null, null, transcript));
    when(subtitles.subtitles(any()))
        .thenReturn(
            new SubtitlesOutput(
                List.of(
                    new SubtitlesOutput.File(
                        "srt", "a.srt", 100, "results/tasks/42/subtitles/a.srt"))));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      ComponentRegistry registry = ComponentRegistry.builtIn();
      env.newWorker(TaskQueues.CPU)
          .registerWorkflowImplementationFactory(
              PipelineWorkflow.class, () -> new PipelineWorkflowImpl(registry));
      env.getWorkerFactory()
          .getWorker(TaskQueues.CPU)
          .registerActivitiesImplementations(media, subtitles);
      env.newWorker(TaskQueues.GPU)
          .registerActivitiesImplementations(engine, new SharedQueueLeases("test-gpu"));
      env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(store);
      env.start();
      PipelineWorkflow workflow =
          env.getWorkflowClient()
              .newWorkflowStub(
                  PipelineWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(TaskQueues.CPU)
                      .setWorkflowId(WorkflowIds.transcription(TASK))
                      .setWorkflowRunTimeout(Duration.ofDays(1))
                      .build());
      Map<String, Object> outputs = workflow.run(TaskPipelines.run(request(name)));
      assertThat(outputs).containsEntry("task_id", (int) TASK);
      return env.getWorkflowClient().fetchHistory(WorkflowIds.transcription(TASK));
    }
  }

  private static WorkflowExecutionHistory load(String name) throws Exception {
    try (InputStream in =
        TaskPipelineReplayTest.class.getResourceAsStream(
            "/pipeline/history/task_" + name + ".json")) {
      assertThat(in).as("recorded history of task_%s", name).isNotNull();
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
