package org.sttplatform.api.store;

import java.util.Optional;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.RunTask;
import org.sttplatform.workflows.model.Transcript;

/** The task table. Every write stamps {@code updated_at} with the current UTC time. */
public interface TaskStore {

  /** Inserts a queued task and returns it with its id and timestamps. */
  TaskRecord create(NewTask task);

  /** The task, if it exists. */
  Optional<TaskRecord> find(long id);

  /** A filtered, ordered page of tasks. */
  TaskPage query(TaskQuery query);

  /**
   * How many unfinished (queued or processing) tasks the workers take before {@code task}: those of
   * a higher priority, and those of the same priority created before it.
   */
  long unfinishedAhead(TaskRecord task);

  /** Deletes the row; {@code false} if it did not exist. */
  boolean delete(long id);

  /**
   * Records stage and progress; the first call moves a queued task to processing. Progress only
   * moves forward: a call with less progress than the row has is ignored.
   */
  void stageChanged(long id, String stage, double progress);

  /**
   * The task of a definition run's step: {@code row} inserted on the first call, the same id for
   * every later call with the same run and step key.
   */
  long taskForStep(RunTask task, NewTask row);

  /** Records media name (if not yet known), size and duration. */
  void mediaProbed(long id, MediaRef media, MediaInfo info);

  /** Stores the result and marks the task completed. */
  void completed(long id, Transcript transcript);

  /** Marks the task failed with a message. */
  void failed(long id, String message);

  /**
   * A callback delivery starts: state {@code pending}, no attempt yet. A deleted row makes it a
   * no-op.
   */
  void callbackPending(long id);

  /**
   * Records one callback attempt: its number in the delivery, the receiver's status code ({@code
   * null} when no answer came), its body excerpt or the error, and the time; {@code delivered} on a
   * 2xx, else still {@code pending}. Ignored once the callback is dead (a late attempt).
   */
  void callbackAttempt(long id, int attempt, Integer statusCode, String message, boolean delivered);

  /**
   * No attempt follows: state {@code dead}; {@code reason} becomes the message if no attempt left
   * one. A delivered callback stays delivered.
   */
  void callbackDead(long id, String reason);
}
