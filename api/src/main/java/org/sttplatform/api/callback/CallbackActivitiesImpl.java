package org.sttplatform.api.callback;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.sttplatform.activities.CallbackSender;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.web.TaskView;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.callback.CallbackActivities;
import org.sttplatform.workflows.pipeline.component.io.CallbackInput;
import org.sttplatform.workflows.pipeline.component.io.CallbackOutput;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code callback} component on the store queue. One activity renders and sends the body: the
 * body is the task row (its transcript can be far larger than a Temporal payload may be, so it
 * cannot travel to a CPU worker as an activity result), and each attempt's outcome is written to
 * the same row right away. Temporal retries failed attempts ({@code ActivityDefaults.callback()}).
 */
@Component
public class CallbackActivitiesImpl implements CallbackActivities {
  public static final String EVENT_HEADER = "X-STT-Event";
  public static final String DELIVERY_HEADER = "X-STT-Delivery-Id";
  public static final String COMPLETED = "task.completed";
  public static final String FAILED = "task.failed";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String USER_AGENT = "stt-platform-callback/0.1";

  private final TaskStore store;
  private final CallbackSettings settings;
  private final JsonMapper json;
  private final CallbackSender sender;

  public CallbackActivitiesImpl(TaskStore store, CallbackSettings settings, JsonMapper json) {
    this.store = store;
    this.settings = settings;
    this.json = json;
    this.sender = new CallbackSender(settings.allowPrivateNetworks(), TIMEOUT, USER_AGENT);
  }

  @Override
  public CallbackOutput deliver(CallbackInput input) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    int attempt = info.getAttempt();
    long id = input.taskId();
    String deliveryId =
        input.deliveryId() != null
            ? input.deliveryId()
            : info.getWorkflowId() + "/" + info.getActivityId();
    TaskRecord task =
        store
            .find(id)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "Task " + id + " no longer exists", Failures.TASK_GONE));
    if (!task.hasCallback()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Task " + id + " has no callback_url", Failures.CALLBACK_NOT_SENDABLE);
    }
    if (task.unfinished()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Task " + id + " has not finished", Failures.CALLBACK_NOT_SENDABLE);
    }
    byte[] body = json.writeValueAsBytes(TaskView.forCallback(task, settings.outputUrl(id)));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(EVENT_HEADER, task.status() == TaskStatus.COMPLETED ? COMPLETED : FAILED);
    headers.put(DELIVERY_HEADER, deliveryId);
    if (settings.secret() != null) {
      long now = System.currentTimeMillis() / 1000;
      headers.put(CallbackSignature.HEADER, CallbackSignature.sign(settings.secret(), now, body));
    }
    CallbackSender.Answer answer;
    try {
      answer = sender.post(task.callbackUrl(), body, headers);
    } catch (CallbackSender.Refused refused) {
      store.callbackAttempt(id, attempt, null, refused.getMessage(), false);
      throw ApplicationFailure.newNonRetryableFailure(refused.getMessage(), Failures.BAD_URL);
    } catch (IllegalArgumentException malformed) {
      store.callbackAttempt(id, attempt, null, malformed.getMessage(), false);
      throw ApplicationFailure.newNonRetryableFailure(malformed.getMessage(), Failures.BAD_URL);
    } catch (IOException e) {
      // The exception names the host and port at most, never the URL's path or query.
      String why = "No answer from the callback URL: " + e;
      store.callbackAttempt(id, attempt, null, why, false);
      throw ApplicationFailure.newFailure(why, Failures.CALLBACK_FAILED);
    }
    store.callbackAttempt(id, attempt, answer.statusCode(), answer.excerpt(), answer.delivered());
    if (!answer.delivered()) {
      throw ApplicationFailure.newFailure(
          "The callback URL answered HTTP " + answer.statusCode(), Failures.CALLBACK_FAILED);
    }
    return new CallbackOutput(answer.statusCode(), attempt, deliveryId);
  }

  @Override
  public void dead(long taskId, String reason) {
    store.callbackDead(taskId, reason);
  }
}
