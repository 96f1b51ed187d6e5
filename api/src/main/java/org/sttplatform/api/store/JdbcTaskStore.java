package org.sttplatform.api.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.RunTask;
import org.sttplatform.workflows.model.TaskStages;
import org.sttplatform.workflows.model.Transcript;

/**
 * The {@code tasks} table on SQLite or MySQL/MariaDB (schema in {@code db/migration/{vendor}}).
 *
 * <p>Representation: times are UTC epoch milliseconds ({@code BIGINT}/{@code INTEGER}), read back
 * as {@link java.time.Instant}s truncated to milliseconds; enums are their lower-case names; the
 * stage is its wire name; the detected language is lower case; decode options and the result are
 * JSON text written with Jackson 2 (see {@link StoreJson}). {@link TaskRows} maps a row to its
 * record, {@link TaskFilter} turns a {@link TaskQuery} into SQL.
 *
 * <p>Every write is one statement, stamps {@code updated_at} with the injected clock and touches
 * only the addressed row, so a deleted row makes it a no-op. A finished task is final: {@link
 * #stageChanged} only moves a queued or processing task, {@link #completed} ignores a task that is
 * already completed (a retried activity) and {@link #failed} ignores a completed or failed one.
 */
@Repository
public class JdbcTaskStore implements TaskStore {

  /** Longest error message stored; longer ones are cut (TEXT holds 64 KiB on MySQL). */
  static final int MAX_ERROR_MESSAGE = 8_000;

  /** Longest callback response excerpt or error stored. */
  static final int MAX_CALLBACK_MESSAGE = 1024;

  private static final String QUEUED = TaskRows.name(TaskStatus.QUEUED);
  private static final String PROCESSING = TaskRows.name(TaskStatus.PROCESSING);
  private static final String COMPLETED = TaskRows.name(TaskStatus.COMPLETED);
  private static final String FAILED = TaskRows.name(TaskStatus.FAILED);

  private final JdbcClient jdbc;
  private final Clock clock;

  /** Uses the application's {@link Clock} bean if there is one, else the UTC system clock. */
  @Autowired
  public JdbcTaskStore(DataSource dataSource, ObjectProvider<Clock> clock) {
    this(dataSource, clock.getIfAvailable(Clock::systemUTC));
  }

  /** A store whose timestamps come from {@code clock}. */
  public JdbcTaskStore(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  @Override
  public TaskRecord create(NewTask task) {
    long now = now();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO tasks (status, stage, progress, task_type, priority, engine_name,"
                + " model_name, platform, callback_url, created_at, updated_at, file_path,"
                + " file_url, file_name, file_size_bytes, file_duration, decode_options, run_id,"
                + " run_step, subtitle_formats)"
                + " VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            QUEUED,
            TaskStages.QUEUED,
            TaskRows.name(task.taskType()),
            TaskRows.name(task.priority()),
            TaskRows.lower(task.engineName()),
            task.modelName(),
            task.platform(),
            task.callbackUrl(),
            now,
            now,
            task.filePath(),
            task.fileUrl(),
            task.fileName(),
            task.fileSizeBytes(),
            task.fileDuration(),
            StoreJson.write(task.decodeOptions()),
            task.run() == null ? null : task.run().runId(),
            task.run() == null ? null : task.run().step(),
            TaskRecord.joinFormats(task.subtitleFormats()))
        .update(key);
    long id = key.getKey().longValue();
    return find(id).orElseThrow(() -> new IllegalStateException("Task " + id + " vanished"));
  }

  @Override
  public Optional<TaskRecord> find(long id) {
    return jdbc.sql("SELECT " + TaskRows.COLUMNS + " FROM tasks WHERE id = ?")
        .param(id)
        .query(TaskRows::map)
        .optional();
  }

  @Override
  public TaskPage query(TaskQuery query) {
    TaskFilter filter = TaskFilter.of(query);
    long total =
        jdbc.sql("SELECT COUNT(*) FROM tasks" + filter.where())
            .params(filter.args())
            .query(Long.class)
            .single();
    int limit = Math.max(0, query.limit());
    int offset = Math.max(0, query.offset());
    if (limit == 0 || offset >= total) {
      return new TaskPage(List.of(), total);
    }
    List<Object> pageArgs = new ArrayList<>(filter.args());
    pageArgs.add(limit);
    pageArgs.add(offset);
    List<TaskRecord> tasks =
        jdbc.sql(
                "SELECT "
                    + TaskRows.COLUMNS
                    + " FROM tasks"
                    + filter.where()
                    + " ORDER BY created_at, id LIMIT ? OFFSET ?")
            .params(pageArgs)
            .query(TaskRows::map)
            .list();
    return new TaskPage(tasks, total);
  }

  @Override
  public long unfinishedAhead(TaskRecord task) {
    // The order the workers take tasks in (PriorityKeys): priority band, then creation (id).
    String rank = "CASE priority WHEN ? THEN 0 WHEN ? THEN 1 ELSE 2 END";
    return jdbc.sql(
            "SELECT COUNT(*) FROM tasks WHERE status IN (?, ?) AND id <> ? AND ("
                + rank
                + " < ? OR ("
                + rank
                + " = ? AND id < ?))")
        .params(
            QUEUED,
            PROCESSING,
            task.id(),
            TaskRows.name(TaskPriority.HIGH),
            TaskRows.name(TaskPriority.NORMAL),
            rank(task.priority()),
            TaskRows.name(TaskPriority.HIGH),
            TaskRows.name(TaskPriority.NORMAL),
            rank(task.priority()),
            task.id())
        .query(Long.class)
        .single();
  }

  private static int rank(TaskPriority priority) {
    return switch (priority) {
      case HIGH -> 0;
      case NORMAL -> 1;
      case LOW -> 2;
    };
  }

  @Override
  public long taskForStep(RunTask task, NewTask row) {
    Optional<Long> existing = runTask(task);
    if (existing.isPresent()) {
      return existing.get();
    }
    long id;
    try {
      id = create(row).id();
    } catch (DuplicateKeyException raced) {
      // Another attempt of the same store call inserted it first.
      return runTask(task).orElseThrow(() -> raced);
    }
    return id;
  }

  private Optional<Long> runTask(RunTask task) {
    return jdbc.sql("SELECT id FROM tasks WHERE run_id = ? AND run_step = ?")
        .params(task.runId(), task.stepKey())
        .query(Long.class)
        .optional();
  }

  @Override
  public boolean delete(long id) {
    return jdbc.sql("DELETE FROM tasks WHERE id = ?").param(id).update() > 0;
  }

  @Override
  public void stageChanged(long id, String stage, double progress) {
    long now = now();
    jdbc.sql(
            "UPDATE tasks SET stage = ?, progress = ?,"
                + " status = CASE WHEN status = ? THEN ? ELSE status END,"
                + " started_at = COALESCE(started_at, ?), updated_at = ?"
                // Forward only: the workflow does not wait for these writes, so a late one must
                // not move the row back to an earlier stage.
                + " WHERE id = ? AND status IN (?, ?) AND progress <= ?")
        .params(stage, progress, QUEUED, PROCESSING, now, now, id, QUEUED, PROCESSING, progress)
        .update();
  }

  @Override
  public void mediaProbed(long id, MediaRef media, MediaInfo info) {
    Long size = info.sizeBytes() > 0 ? info.sizeBytes() : null;
    if (size == null && media.sizeBytes() >= 0) {
      size = media.sizeBytes();
    }
    Double duration = info.durationSeconds() > 0 ? info.durationSeconds() : null;
    jdbc.sql(
            "UPDATE tasks SET file_name = COALESCE(file_name, ?),"
                + " file_size_bytes = COALESCE(?, file_size_bytes),"
                + " file_duration = COALESCE(?, file_duration), updated_at = ? WHERE id = ?")
        .params(media.fileName(), size, duration, now(), id)
        .update();
  }

  @Override
  public void completed(long id, Transcript transcript) {
    long now = now();
    jdbc.sql(
            // model_name: a task that named no model records the worker's default that ran.
            "UPDATE tasks SET result = ?, language = ?, model_name = COALESCE(?, model_name),"
                + " status = ?, stage = ?, progress = 1, error_message = NULL, completed_at = ?,"
                + " task_processing_time ="
                + " CASE WHEN started_at IS NULL THEN NULL ELSE (? - started_at) / 1000.0 END,"
                + " updated_at = ? WHERE id = ? AND status <> ?")
        .params(
            StoreJson.write(transcript),
            TaskRows.lower(transcript.language()),
            transcript.model() == null || transcript.model().isBlank() ? null : transcript.model(),
            COMPLETED,
            TaskStages.COMPLETED,
            now,
            now,
            now,
            id,
            COMPLETED)
        .update();
  }

  @Override
  public void failed(long id, String message) {
    String stored =
        message != null && message.length() > MAX_ERROR_MESSAGE
            ? message.substring(0, MAX_ERROR_MESSAGE)
            : message;
    long now = now();
    jdbc.sql(
            "UPDATE tasks SET error_message = ?, status = ?, stage = ?, completed_at = ?,"
                + " updated_at = ? WHERE id = ? AND status IN (?, ?)")
        .params(
            stored == null ? "" : stored,
            FAILED,
            TaskStages.FAILED,
            now,
            now,
            id,
            QUEUED,
            PROCESSING)
        .update();
  }

  @Override
  public void callbackPending(long id) {
    long now = now();
    jdbc.sql(
            "UPDATE tasks SET callback_state = ?, callback_attempts = 0, updated_at = ?"
                + " WHERE id = ?")
        .params(CallbackState.PENDING, now, id)
        .update();
  }

  @Override
  public void callbackAttempt(
      long id, int attempt, Integer statusCode, String message, boolean delivered) {
    long now = now();
    jdbc.sql(
            "UPDATE tasks SET callback_status_code = ?, callback_message = ?, callback_time = ?,"
                + " callback_attempts = ?, callback_state = ?, updated_at = ?"
                + " WHERE id = ? AND (callback_state IS NULL OR callback_state <> ?)")
        .params(
            statusCode,
            cut(message, MAX_CALLBACK_MESSAGE),
            now,
            attempt,
            delivered ? CallbackState.DELIVERED : CallbackState.PENDING,
            now,
            id,
            CallbackState.DEAD)
        .update();
  }

  @Override
  public void callbackDead(long id, String reason) {
    long now = now();
    jdbc.sql(
            "UPDATE tasks SET callback_state = ?,"
                + " callback_message = COALESCE(callback_message, ?), updated_at = ?"
                + " WHERE id = ? AND (callback_state IS NULL OR callback_state <> ?)")
        .params(
            CallbackState.DEAD, cut(reason, MAX_CALLBACK_MESSAGE), now, id, CallbackState.DELIVERED)
        .update();
  }

  private static String cut(String text, int max) {
    return text != null && text.length() > max ? text.substring(0, max) : text;
  }

  private long now() {
    return clock.millis();
  }
}
