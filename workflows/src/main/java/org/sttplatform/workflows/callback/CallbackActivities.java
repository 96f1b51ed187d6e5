package org.sttplatform.workflows.callback;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;
import org.sttplatform.workflows.pipeline.component.io.CallbackInput;
import org.sttplatform.workflows.pipeline.component.io.CallbackOutput;

/**
 * Callback deliveries, served on the store queue by the nodes that own the task database: the body
 * is the task row as {@code /api/whisper/tasks/result} shows it, which can hold a transcript far
 * larger than a Temporal payload, so the activity that renders it also sends it, and records each
 * attempt on the row in the same place.
 */
@ActivityInterface
public interface CallbackActivities {

  /**
   * One attempt: POSTs the task's view to its {@code callback_url} and records the attempt (status
   * code, response excerpt, time, attempt number) on the task, {@code delivered} on a 2xx.
   *
   * @throws io.temporal.failure.ApplicationFailure retryable {@link
   *     org.sttplatform.workflows.Failures#CALLBACK_FAILED} for a 3xx, 4xx or 5xx answer or a
   *     network error; non-retryable {@link org.sttplatform.workflows.Failures#BAD_URL} for an
   *     address the SSRF guard refuses, {@link org.sttplatform.workflows.Failures#TASK_GONE} for a
   *     deleted task, {@link org.sttplatform.workflows.Failures#CALLBACK_NOT_SENDABLE} for a task
   *     without a callback URL or not finished
   */
  @ActivityMethod(name = BuiltInComponents.CALLBACK_ACTIVITY)
  CallbackOutput deliver(CallbackInput input);

  /** Marks the task's callback {@code dead}: no attempt will follow (until a redelivery). */
  @ActivityMethod(name = "callback.dead")
  void dead(long taskId, String reason);
}
