package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code transcribe} definition's {@code options} carry beam_size to the real
 * transcription worker: a width whisper.cpp can run completes, one it cannot fails the step there
 * at once, naming it. (A step's task row records the default decode options, not the step's: {@code
 * TaskStoreActivitiesImpl.taskForStep}.)
 */
class SearchOptionsPipelineTest extends PipelineAppTestBase {

  @Test
  void aBeamSizeInTheStepsOptionsReachesTheTaskAndTheRunCompletes() throws Exception {
    String runId =
        startRun(
            "transcribe",
            "{\"inputs\": {\"url\": \""
                + speechUrl()
                + "\", \"language\": \"en\", \"options\": {\"beam_size\": 2,"
                + " \"temperature\": [0.0]}}}");

    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    long taskId = run.path("steps").path("transcribe").path("output").path("task_id").asLong();
    Reply task = get("/api/whisper/tasks/result?task_id=" + taskId);
    assertThat(task.status()).as(task.json().toString()).isEqualTo(200);
    assertThat(task.data().path("result").path("engine").asText()).isEqualTo("whisper.cpp");
  }

  @Test
  void aBeamSizeOverWhisperCppsLimitFailsTheRunNamingIt() throws Exception {
    String runId =
        startRun(
            "transcribe",
            "{\"inputs\": {\"url\": \""
                + speechUrl()
                + "\", \"language\": \"en\", \"options\": {\"beam_size\": 9}}}");

    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("failed");
    JsonNode step = run.path("steps").path("transcribe");
    assertThat(step.path("attempts").asInt()).as("not retried").isEqualTo(1);
    assertThat(step.path("error").asText())
        .contains("Invalid value '9' for parameter 'beam_size'; expected an integer from 1 to 8");
    assertThat(run.path("steps").path("extract_audio").path("status").asText())
        .isEqualTo("completed");
  }
}
