package org.sttplatform.api.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.sttplatform.api.store.SummaryRecord;
import org.sttplatform.api.store.SummaryStore;

/** A {@link SummaryStore} in a list, for the web-layer tests. */
class InMemorySummaryStore implements SummaryStore {
  final List<SummaryRecord> rows = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  void reset() {
    rows.clear();
  }

  @Override
  public Optional<SummaryRecord> add(
      long taskId, String summary, String model, String prompt, String outputLanguage, int chunks) {
    SummaryRecord r =
        new SummaryRecord(
            ids.incrementAndGet(),
            taskId,
            summary,
            model,
            prompt,
            outputLanguage,
            chunks,
            Instant.now());
    rows.add(r);
    return Optional.of(r);
  }

  @Override
  public List<SummaryRecord> forTask(long taskId) {
    return rows.stream().filter(r -> r.taskId() == taskId).toList();
  }
}
