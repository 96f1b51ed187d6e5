package org.sttplatform.api.openai;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.web.TaskUrls;
import org.sttplatform.workflows.WorkflowIds;

/**
 * Waits for a task to end: on its workflow's result through the Temporal client (a long poll, no
 * store polling while it runs), then for its row, which the workflow writes before it ends, to say
 * completed or failed.
 */
@Component
class TaskCompletion {
  private static final Logger log = LoggerFactory.getLogger(TaskCompletion.class);

  /** How long to wait for the row after the workflow ended (it is written before the end). */
  private static final Duration ROW_GRACE = Duration.ofSeconds(10);

  private static final long ROW_POLL_MS = 100;

  private final WorkflowClient client;
  private final TaskStore store;
  private final Duration maxWait;

  /**
   * @param maxWait how long a request waits for its task ({@code STT_OPENAI_MAX_WAIT}, default 1 h)
   */
  TaskCompletion(
      WorkflowClient client,
      TaskStore store,
      @Value("${stt.openai.max-wait:PT1H}") Duration maxWait) {
    this.client = client;
    this.store = store;
    this.maxWait = maxWait;
  }

  Duration maxWait() {
    return maxWait;
  }

  /**
   * Waits up to {@link #maxWait()} from {@code startedNanos}.
   *
   * @return the task, completed or failed
   * @throws OpenAiException 504 if it has not ended by then (it keeps running; the message gives
   *     its id), 404 if it was deleted meanwhile
   */
  TaskRecord await(long taskId, long startedNanos) {
    long deadline = startedNanos + maxWait.toNanos();
    try {
      client
          .newUntypedWorkflowStub(WorkflowIds.transcription(taskId))
          .getResult(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS, Object.class);
    } catch (TimeoutException e) {
      throw timedOut(taskId);
    } catch (WorkflowFailedException e) {
      // Failed, cancelled or terminated: the row says why.
      log.debug("The workflow of task {} did not complete: {}", taskId, e.toString());
    } catch (WorkflowException e) {
      if (System.nanoTime() >= deadline) {
        throw timedOut(taskId); // the long poll's own deadline
      }
      log.warn("Could not wait for the workflow of task {}", taskId, e);
      throw new OpenAiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          ("The workflow service could not be reached while waiting for task %d; it may still be"
                  + " running: GET %s")
              .formatted(taskId, TaskUrls.resultPath(taskId)),
          null,
          "service_unavailable");
    }
    long rowDeadline = Math.min(deadline, System.nanoTime() + ROW_GRACE.toNanos());
    while (true) {
      TaskRecord task = store.find(taskId).orElseThrow(() -> deleted(taskId));
      if (task.status() == TaskStatus.COMPLETED || task.status() == TaskStatus.FAILED) {
        return task;
      }
      if (System.nanoTime() >= rowDeadline) {
        throw timedOut(taskId);
      }
      try {
        Thread.sleep(ROW_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for task " + taskId, e);
      }
    }
  }

  private OpenAiException timedOut(long taskId) {
    return new OpenAiException(
        HttpStatus.GATEWAY_TIMEOUT,
        "Task %d did not finish within %s (STT_OPENAI_MAX_WAIT); it keeps running: GET %s"
            .formatted(taskId, maxWait, TaskUrls.resultPath(taskId)),
        null,
        "timeout");
  }

  private static OpenAiException deleted(long taskId) {
    return new OpenAiException(
        HttpStatus.NOT_FOUND, "Task %d was deleted".formatted(taskId), null, "task_deleted");
  }
}
