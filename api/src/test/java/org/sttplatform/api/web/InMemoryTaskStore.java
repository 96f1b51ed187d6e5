package org.sttplatform.api.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.sttplatform.api.store.NewTask;
import org.sttplatform.api.store.TaskPage;
import org.sttplatform.api.store.TaskQuery;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.Transcript;

/** A {@link TaskStore} in a map, with a switch to make every call fail. */
class InMemoryTaskStore implements TaskStore {
  final Map<Long, TaskRecord> rows = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  volatile RuntimeException failWith;
  volatile TaskQuery lastQuery;

  void reset() {
    rows.clear();
    failWith = null;
    lastQuery = null;
  }

  private void maybeFail() {
    RuntimeException e = failWith;
    if (e != null) {
      throw e;
    }
  }

  @Override
  public TaskRecord create(NewTask t) {
    maybeFail();
    long id = ids.incrementAndGet();
    Instant now = Instant.now();
    TaskRecord r =
        new TaskRecord(
            id,
            TaskStatus.QUEUED,
            "queued",
            0.0,
            t.taskType(),
            t.priority(),
            t.engineName(),
            t.modelName(),
            t.platform(),
            t.callbackUrl(),
            null,
            null,
            null,
            0,
            null,
            now,
            now,
            null,
            null,
            null,
            t.filePath(),
            t.fileUrl(),
            t.fileName(),
            t.fileSizeBytes(),
            t.fileDuration(),
            null,
            t.decodeOptions(),
            null,
            null,
            null,
            t.subtitleFormats());
    rows.put(id, r);
    return r;
  }

  /** Inserts a row as is (tests use it to set up any state). */
  TaskRecord put(TaskRecord r) {
    rows.put(r.id(), r);
    ids.accumulateAndGet(r.id(), Math::max);
    return r;
  }

  TaskRecord update(long id, UnaryOperator<TaskRecord> change) {
    return rows.computeIfPresent(id, (k, r) -> change.apply(r));
  }

  @Override
  public Optional<TaskRecord> find(long id) {
    maybeFail();
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public TaskPage query(TaskQuery q) {
    maybeFail();
    lastQuery = q;
    List<TaskRecord> all =
        rows.values().stream()
            .filter(r -> q.status() == null || r.status() == q.status())
            .filter(r -> q.priority() == null || r.priority() == q.priority())
            .filter(r -> q.createdAfter() == null || !r.createdAt().isBefore(q.createdAfter()))
            .filter(r -> q.createdBefore() == null || r.createdAt().isBefore(q.createdBefore()))
            .filter(r -> q.language() == null || q.language().equals(r.language()))
            .filter(r -> q.engineName() == null || q.engineName().equals(r.engineName()))
            .filter(r -> q.hasResult() == null || q.hasResult() == (r.result() != null))
            .filter(r -> q.hasError() == null || q.hasError() == (r.errorMessage() != null))
            .sorted(Comparator.comparing(TaskRecord::createdAt).thenComparing(TaskRecord::id))
            .toList();
    List<TaskRecord> page = all.stream().skip(q.offset()).limit(q.limit()).toList();
    return new TaskPage(page, all.size());
  }

  @Override
  public long unfinishedAhead(TaskRecord task) {
    return rows.values().stream()
        .filter(r -> r.unfinished() && r.id() != task.id())
        .filter(
            r ->
                r.priority().ordinal() < task.priority().ordinal()
                    || (r.priority() == task.priority() && r.id() < task.id()))
        .count();
  }

  @Override
  public boolean delete(long id) {
    maybeFail();
    return rows.remove(id) != null;
  }

  @Override
  public void stageChanged(long id, String stage, double progress) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long taskForStep(org.sttplatform.workflows.model.RunTask task, NewTask row) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void mediaProbed(long id, MediaRef media, MediaInfo info) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void completed(long id, Transcript transcript) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void failed(long id, String message) {
    maybeFail();
    update(
        id,
        r ->
            new TaskRecord(
                r.id(),
                TaskStatus.FAILED,
                "failed",
                r.progress(),
                r.taskType(),
                r.priority(),
                r.engineName(),
                r.modelName(),
                r.platform(),
                r.callbackUrl(),
                r.callbackStatusCode(),
                r.callbackMessage(),
                r.callbackTime(),
                r.callbackAttempts(),
                r.callbackState(),
                r.createdAt(),
                Instant.now(),
                r.startedAt(),
                Instant.now(),
                r.taskProcessingTime(),
                r.filePath(),
                r.fileUrl(),
                r.fileName(),
                r.fileSizeBytes(),
                r.fileDuration(),
                r.language(),
                r.decodeOptions(),
                r.result(),
                message,
                r.run()));
  }

  @Override
  public void callbackPending(long id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void callbackAttempt(
      long id, int attempt, Integer statusCode, String message, boolean delivered) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void callbackDead(long id, String reason) {
    throw new UnsupportedOperationException();
  }
}
