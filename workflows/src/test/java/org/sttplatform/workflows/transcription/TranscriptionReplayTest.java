package org.sttplatform.workflows.transcription;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs started before the quicker hand-offs (awaited task-row writes, separate probe and extract
 * steps) still replay on today's workflow: the {@link TranscriptionWorkflowImpl#HANDOFFS} version
 * keeps them on their own steps. The histories were recorded with the workflow of commit {@code
 * 9485e1f} (TranscriptionWorkflowTest's mocks: a URL task and an upload task, both completed).
 */
class TranscriptionReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"transcription-url-9485e1f.json", "transcription-upload-9485e1f.json"})
  void aRunStartedBeforeTheQuickerHandOffsReplays(String name) throws Exception {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/histories/" + name)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(json), TranscriptionWorkflowImpl.class);
  }
}
