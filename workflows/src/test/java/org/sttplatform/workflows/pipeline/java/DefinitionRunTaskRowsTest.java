package org.sttplatform.workflows.pipeline.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.RunTask;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;

/**
 * The task rows a definition run's transcriptions create: one per transcription, named in the run's
 * output, completed with its transcript or marked failed.
 */
class DefinitionRunTaskRowsTest extends TaskPipelineTestBase {
  /** A definition run has no row of its own: each transcription gets one, named in its output. */
  @Test
  void eachTranscriptionOfADefinitionRunGetsATaskRow() {
    when(store.taskForStep(any())).thenReturn(7L, 8L);
    PipelineDefinition batch =
        org.sttplatform.workflows.pipeline.definition.PipelineBuilder.pipeline("two", 1)
            .step("transcribe", "transcribe")
            .param("audio", "${item}")
            .forEach("${inputs.audios}", 1)
            .add()
            .output("tasks", "${steps.transcribe.output}")
            .build();
    Map<String, Object> audio = Map.of("key", AUDIO.key(), "durationSeconds", 10.0);

    Map<String, Object> outputs =
        workflow().run(new PipelineRun("r9", batch, Map.of("audios", List.of(audio, audio)), null));

    verify(store).taskForStep(new RunTask("r9", "transcribe#0", false, null, 10.0));
    verify(store).taskForStep(new RunTask("r9", "transcribe#1", false, null, 10.0));
    verify(store).completed(7L, TRANSCRIPT);
    verify(store).completed(8L, TRANSCRIPT);
    verify(store, never()).stageChanged(anyLong(), anyString(), anyDouble());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) outputs.get("tasks");
    assertThat(tasks).extracting(t -> t.get("task_id")).containsExactly(7, 8);
    // The transcript file travels by its storage key, for later steps such as subtitles.
    assertThat(tasks)
        .allSatisfy(
            t ->
                assertThat(t.get("transcript").toString())
                    .contains("key=work/runs/task-42/a2/transcript.json"));
  }

  @Test
  void aFailedTranscriptionOfADefinitionRunMarksItsRowFailed() {
    when(store.taskForStep(any())).thenReturn(7L);
    doThrow(ApplicationFailure.newNonRetryableFailure("no model", Failures.MODEL_UNAVAILABLE))
        .when(engine)
        .transcribe(any());
    PipelineDefinition one =
        org.sttplatform.workflows.pipeline.definition.PipelineBuilder.pipeline("one", 1)
            .step("transcribe", "transcribe")
            .param("audio", Map.of("key", AUDIO.key(), "durationSeconds", 10.0))
            .add()
            .build();

    catchThrowableOfType(
        WorkflowFailedException.class,
        () -> workflow().run(new PipelineRun("r10", one, Map.of(), null)));

    verify(store).failed(7L, "no model");
    verify(store, never()).completed(anyLong(), any());
  }
}
