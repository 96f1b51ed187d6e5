package org.sttplatform.api.store;

import java.util.List;
import java.util.Optional;

/** The {@code task_summaries} table: summaries listed with their task. */
public interface SummaryStore {

  /**
   * Stores a summary of task {@code taskId} and returns it with its id and time, or empty if the
   * task does not exist (any more).
   */
  Optional<SummaryRecord> add(
      long taskId, String summary, String model, String prompt, String outputLanguage, int chunks);

  /** The task's summaries, oldest first. */
  List<SummaryRecord> forTask(long taskId);
}
