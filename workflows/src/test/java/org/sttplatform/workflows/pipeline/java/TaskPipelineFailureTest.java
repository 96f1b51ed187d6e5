package org.sttplatform.workflows.pipeline.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;
import org.sttplatform.workflows.pipeline.component.io.WorkspaceInput;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * What fails a task, with its message in the row (a bad file at once, exhausted retries, an
 * unreadable transcript), and what does not (a network blip is retried, a failing clean-up).
 */
class TaskPipelineFailureTest extends TaskPipelineTestBase {
  @Test
  void aFailingCleanUpDoesNotFailACompletedTask() {
    doThrow(ApplicationFailure.newNonRetryableFailure("disk gone", Failures.CLEAN_UP_FAILED))
        .when(media)
        .cleanUp(any());

    workflow().run(TaskPipelines.run(urlRequest()));

    verify(store).completed(TASK, TRANSCRIPT);
    verify(store, never()).failed(anyLong(), anyString());
  }

  @Test
  void aNetworkBlipIsRetried() {
    doThrow(new RuntimeException("connection reset"))
        .doThrow(new RuntimeException("connection reset"))
        .doReturn(new MediaOutput(DOWNLOADED))
        .when(media)
        .fetch(any());

    workflow().run(TaskPipelines.run(urlRequest()));

    verify(media, times(3)).fetch(any());
    verify(store).completed(TASK, TRANSCRIPT);
  }

  @Test
  void aBadFileFailsTheTaskAtOnceWithItsMessage() {
    String message = "The media has no audio stream (streams found: video h264)";
    doThrow(ApplicationFailure.newNonRetryableFailure(message, Failures.NO_AUDIO_STREAM))
        .when(media)
        .extractAudio(any());

    WorkflowFailedException failure =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> workflow().run(TaskPipelines.run(urlRequest())));

    assertThat(((ApplicationFailure) failure.getCause()).getOriginalMessage()).contains(message);
    verify(media, times(1)).extractAudio(any());
    verify(store).failed(TASK, message);
    verify(engine, never()).transcribe(any());
    verify(store, never()).completed(anyLong(), any());
    verify(media).cleanUp(new WorkspaceInput(WORKSPACE));
  }

  @Test
  void exhaustedRetriesFailTheTask() {
    doThrow(new IllegalStateException("engine crashed")).when(engine).transcribe(any());

    catchThrowableOfType(
        WorkflowFailedException.class, () -> workflow().run(TaskPipelines.run(urlRequest())));

    int attempts = ActivityDefaults.transcribe().getRetryOptions().getMaximumAttempts();
    assertThat(attempts).isGreaterThan(1);
    verify(engine, times(attempts)).transcribe(any());
    verify(store).failed(TASK, "engine crashed");
  }

  @Test
  void anUnreadableTranscriptFailsTheTask() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "The transcript file of task 42 is missing", Failures.TRANSCRIPT_UNREADABLE))
        .when(store)
        .completed(anyLong(), any());

    catchThrowableOfType(
        WorkflowFailedException.class, () -> workflow().run(TaskPipelines.run(urlRequest())));

    verify(store).failed(TASK, "The transcript file of task 42 is missing");
  }
}
