package org.sttplatform.workflows.callback;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.pipeline.component.io.CallbackInput;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * One delivery: the {@code callback} activity with Temporal's exponential retry, bounded by the
 * retry window as its schedule-to-close timeout; when the window closes (or the URL is refused) the
 * task's callback is marked dead.
 */
public class CallbackWorkflowImpl implements CallbackWorkflow {
  private static final Logger log = Workflow.getLogger(CallbackWorkflowImpl.class);

  private final Duration retryWindow;

  /**
   * @param retryWindow how long attempts go on ({@code STT_CALLBACK_RETRY_WINDOW} of the worker)
   */
  public CallbackWorkflowImpl(Duration retryWindow) {
    this.retryWindow = retryWindow;
  }

  @Override
  public void deliver(long taskId) {
    // The run id: the same on every attempt of this delivery, new for a redelivery.
    String deliveryId = Workflow.getInfo().getRunId();
    ActivityOptions base = ActivityDefaults.callback();
    ActivityOptions send =
        ActivityOptions.newBuilder(base)
            // Attempts go on until the window closes, however many it takes.
            .setRetryOptions(
                RetryOptions.newBuilder(base.getRetryOptions()).setMaximumAttempts(0).build())
            .setScheduleToCloseTimeout(retryWindow)
            .build();
    CallbackActivities sender = Workflow.newActivityStub(CallbackActivities.class, send);
    CallbackActivities store =
        Workflow.newActivityStub(CallbackActivities.class, ActivityDefaults.store());
    try {
      sender.deliver(new CallbackInput(taskId, deliveryId));
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof ApplicationFailure app
          && Failures.TASK_GONE.equals(app.getType())) {
        return; // deleted meanwhile: nobody to tell
      }
      String why =
          failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT
                  || failure.getCause() instanceof TimeoutFailure
              ? "Not delivered within the retry window ("
                  + retryWindow
                  + "); last attempt: "
                  + Failures.describe(failure)
              : Failures.describe(failure);
      log.info("Callback of task {} is dead: {}", taskId, why);
      try {
        store.dead(taskId, why);
      } catch (ActivityFailure e) {
        log.error("Could not mark the callback of task {} dead: {}", taskId, e.getMessage());
      }
    }
  }
}
