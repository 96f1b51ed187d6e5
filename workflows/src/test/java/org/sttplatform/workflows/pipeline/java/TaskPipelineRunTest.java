package org.sttplatform.workflows.pipeline.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.component.io.ExtractAudioInput;
import org.sttplatform.workflows.pipeline.component.io.FetchInput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;
import org.sttplatform.workflows.pipeline.component.io.WorkspaceInput;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflowImpl;

/**
 * A task's run from start to end with the task-row envelope: a URL task's steps in order, its
 * stages, media facts and transcript in the row; an upload skips the download and the probe; a
 * finished run replays.
 */
class TaskPipelineRunTest extends TaskPipelineTestBase {
  @Test
  void aUrlTaskRunsEveryStepInOrderAndStoresTheTranscriptInItsRow() {
    Map<String, Object> outputs = workflow().run(TaskPipelines.run(urlRequest()));

    assertThat(outputs).containsEntry("task_id", (int) TASK);
    InOrder order = inOrder(media, engine, store);
    order.verify(media).fetch(new FetchInput(WORKSPACE, URL));
    order
        .verify(media)
        .extractAudio(new ExtractAudioInput(WORKSPACE, DOWNLOADED, "wav", 16000, 1, null, true));
    TranscribeStepInput transcribed = transcribeInput();
    assertThat(transcribed.taskId()).isEqualTo(TASK);
    assertThat(transcribed.audio()).isEqualTo(AUDIO);
    assertThat(transcribed.model()).isEqualTo("base");
    assertThat(transcribed.task()).isEqualTo("transcribe");
    assertThat(transcribed.inline()).isFalse();
    // The task's options carry language, word timings and prompt; the step's own parameters of
    // those names stay absent (no defaults), so they do not override them.
    assertThat(transcribed.language()).isNull();
    assertThat(transcribed.wordTimestamps()).isNull();
    assertThat(transcribed.initialPrompt()).isNull();
    assertThat(transcribed.options())
        .containsEntry("language", "de")
        .containsEntry("word_timestamps", true)
        .containsEntry("initial_prompt", "Hallo")
        .containsEntry("temperature", List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0));
    order.verify(store).completed(TASK, TRANSCRIPT);
    order.verify(media).cleanUp(new WorkspaceInput(WORKSPACE));
    // The probe's facts reach the row before it completes.
    InOrder facts = inOrder(store);
    facts.verify(store).mediaProbed(TASK, DOWNLOADED, INFO);
    facts.verify(store).completed(TASK, TRANSCRIPT);
    // Each step is the stage while it runs, with the run's progress (from the weights) so far.
    ArgumentCaptor<Double> progress = ArgumentCaptor.forClass(Double.class);
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.DOWNLOADING), progress.capture());
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.EXTRACTING_AUDIO), progress.capture());
    verify(store).stageChanged(eq(TASK), eq(TaskPipelines.TRANSCRIBING), progress.capture());
    assertThat(progress.getAllValues()).isSorted().first().isEqualTo(0.0);
    assertThat(progress.getAllValues().get(2)).isBetween(0.1, 0.5);
    verify(store, never()).failed(anyLong(), anyString());
    verify(store, never()).taskForStep(any());
  }

  /** The un-awaited row writes are deterministic: a finished run replays on the same code. */
  @Test
  void aFinishedTaskReplays() throws Exception {
    workflow().run(TaskPipelines.run(urlRequest()));

    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(WorkflowIds.transcription(TASK)), PipelineWorkflowImpl.class);
  }

  @Test
  void anUploadIsNotDownloadedNorProbedAgain() {
    String path = "uploads/u/a.mp4";

    workflow()
        .run(TaskPipelines.run(new TranscriptionRequest(TASK, null, path, true, null, options())));

    verify(media, never()).fetch(any());
    verify(media)
        .extractAudio(
            new ExtractAudioInput(
                WORKSPACE, new MediaRef(path, null, -1), "wav", 16000, 1, null, false));
    verify(store, never()).mediaProbed(anyLong(), any(), any());
    assertThat(transcribeInput().task()).isEqualTo("translate");
    assertThat(transcribeInput().model()).isNull();
    verify(store).stageChanged(TASK, TaskPipelines.EXTRACTING_AUDIO, 0.0);
    verify(store, never()).stageChanged(eq(TASK), eq(TaskPipelines.DOWNLOADING), anyDouble());
    verify(store).completed(TASK, TRANSCRIPT);
  }
}
