package org.sttplatform.api.temporal;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.sttplatform.workflows.pipeline.component.ComponentInputs;

/**
 * Counts a run's activity attempts per step from its history: each scheduled activity carries its
 * step ({@link ComponentInputs#STEP}) in its input; its started event (written when the attempt
 * ends) or, while it runs, the pending activity gives its attempt number. The workflow itself
 * cannot see retries, which the server makes.
 */
final class RunAttempts {
  private static final long READ_DEADLINE_MS = 2_000;

  private RunAttempts() {}

  /** Step id → attempts of all its activities (a {@code for_each}'s elements summed). */
  static Map<String, Integer> count(WorkflowClient client, String workflowId) {
    Map<Long, String> stepOfEvent = new HashMap<>();
    Map<String, String> stepOfActivity = new HashMap<>();
    Map<String, Integer> attemptsOfActivity = new LinkedHashMap<>();
    Map<Long, String> activityOfEvent = new HashMap<>();
    for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        var scheduled = event.getActivityTaskScheduledEventAttributes();
        String step = step(client, scheduled.getInput());
        if (step != null) {
          stepOfEvent.put(event.getEventId(), step);
          stepOfActivity.put(scheduled.getActivityId(), step);
          activityOfEvent.put(event.getEventId(), scheduled.getActivityId());
          attemptsOfActivity.put(scheduled.getActivityId(), 0);
        }
      } else if (event.hasActivityTaskStartedEventAttributes()) {
        var started = event.getActivityTaskStartedEventAttributes();
        String activity = activityOfEvent.get(started.getScheduledEventId());
        if (activity != null) {
          attemptsOfActivity.merge(activity, started.getAttempt(), Math::max);
        }
      }
    }
    for (PendingActivityInfo pending : pending(client, workflowId).values()) {
      if (attemptsOfActivity.containsKey(pending.getActivityId())) {
        attemptsOfActivity.merge(pending.getActivityId(), pending.getAttempt(), Math::max);
      }
    }
    Map<String, Integer> byStep = new LinkedHashMap<>();
    attemptsOfActivity.forEach(
        (activity, attempts) ->
            byStep.merge(stepId(stepOfActivity.get(activity)), attempts, Integer::sum));
    return byStep;
  }

  private static Map<String, PendingActivityInfo> pending(WorkflowClient client, String id) {
    Map<String, PendingActivityInfo> byId = new HashMap<>();
    client
        .getWorkflowServiceStubs()
        .blockingStub()
        .withDeadlineAfter(READ_DEADLINE_MS, TimeUnit.MILLISECONDS)
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                .build())
        .getPendingActivitiesList()
        .forEach(p -> byId.put(p.getActivityId(), p));
    return byId;
  }

  /** The step named in an activity input, or {@code null} (e.g. a store write). */
  private static String step(WorkflowClient client, Payloads input) {
    try {
      Object value =
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(0, Optional.of(input), Object.class, Object.class);
      return value instanceof Map<?, ?> map && map.get(ComponentInputs.STEP) instanceof String s
          ? s
          : null;
    } catch (RuntimeException notAMap) {
      return null;
    }
  }

  /** {@code transcribe#2} → {@code transcribe}. */
  private static String stepId(String stepKey) {
    int hash = stepKey.lastIndexOf('#');
    return hash < 0 ? stepKey : stepKey.substring(0, hash);
  }
}
