package org.sttplatform.api.temporal;

import org.sttplatform.api.store.TaskPriority;

/**
 * Temporal priority keys for tasks: lower keys are dispatched first, and activities inherit the
 * workflow's key, so a backlog of transcriptions drains high before normal before low.
 *
 * <p>A cluster keeps each key's sub-queue in arrival order, so three keys are enough there. The
 * embedded test server keeps one heap ordered by key alone, which hands out equal keys in no
 * particular order; there the key also carries the task id, making each band first-in first-out.
 */
final class PriorityKeys {
  /**
   * Task ids per band in the embedded encoding: the highest key, {@code 6 * BAND - 1} (low band,
   * last id), stays below {@link Integer#MAX_VALUE}.
   */
  static final long BAND = 350_000_000L;

  private PriorityKeys() {}

  /** Keys 1, 3, 5: Temporal's default range, with normal at its default 3. */
  static int cluster(TaskPriority priority) {
    return switch (priority) {
      case HIGH -> 1;
      case NORMAL -> 3;
      case LOW -> 5;
    };
  }

  /** Priority band first, then task id, so equal priorities run in creation order. */
  static int embedded(TaskPriority priority, long taskId) {
    return (int) (cluster(priority) * BAND + Math.floorMod(taskId, BAND));
  }
}
