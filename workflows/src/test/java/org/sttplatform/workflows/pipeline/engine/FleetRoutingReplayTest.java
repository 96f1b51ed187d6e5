package org.sttplatform.workflows.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.FleetLeases;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;

/**
 * Runs started before the fleet routing ({@link TranscriptionRouting#VERSION_CHANGE}) replay on
 * today's engine: with no version marker in their history, {@code Workflow.getVersion} gives {@code
 * DEFAULT_VERSION} and the step schedules the single {@code component.transcribe} activity on the
 * shared queue it recorded, not a lease.
 *
 * <p>The histories ({@code pipeline/history/*-before-fleet.json}) were recorded by the code of
 * commit 90d1f84, the last before the routing, extracted with {@code git archive} into a scratch
 * folder: two test methods added there to its {@code TaskPipelineWorkflowTest} ran, on its set-up,
 * {@code aUrlTaskRunsEveryStepInOrder…}'s seed task ({@code task-before-fleet}) and {@code
 * eachTranscriptionOfADefinitionRunGetsATaskRow}'s definition run with two transcriptions ({@code
 * definition-before-fleet}), and wrote {@code client.fetchHistory(…).toJson(true)}. They cannot be
 * recorded again from today's code (which takes the routed branch); keep them. Without the
 * DEFAULT_VERSION branch in {@link TranscriptionRouting#execute} both fail to replay (tried: a
 * NonDeterministicException at the transcription's ActivityTaskScheduled, events 28 and 11).
 */
class FleetRoutingReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"task-before-fleet", "definition-before-fleet"})
  void aRunRecordedBeforeTheFleetRoutingReplays(String name) throws Exception {
    WorkflowExecutionHistory history = load(name);

    // What makes it a history of before: no version marker, no lease, transcriptions on stt-gpu.
    List<HistoryEvent> events = history.getEvents();
    assertThat(events)
        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .noneMatch(e -> scheduled(e, FleetLeases.LEASE_ACTIVITY));
    List<String> transcribeQueues =
        events.stream()
            .filter(e -> scheduled(e, BuiltInComponents.TRANSCRIBE_ACTIVITY))
            .map(e -> e.getActivityTaskScheduledEventAttributes().getTaskQueue().getName())
            .toList();
    assertThat(transcribeQueues).isNotEmpty().containsOnly(TaskQueues.GPU);

    WorkflowReplayer.replayWorkflowExecution(history, PipelineWorkflowImpl.class);
  }

  private static boolean scheduled(HistoryEvent e, String activityType) {
    return e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        && e.getActivityTaskScheduledEventAttributes()
            .getActivityType()
            .getName()
            .equals(activityType);
  }

  private static WorkflowExecutionHistory load(String name) throws Exception {
    try (InputStream in =
        FleetRoutingReplayTest.class.getResourceAsStream("/pipeline/history/" + name + ".json")) {
      assertThat(in).as("recorded history %s", name).isNotNull();
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
