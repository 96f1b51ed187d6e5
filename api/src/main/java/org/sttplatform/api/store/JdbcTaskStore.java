package org.sttplatform.api.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * as {@link Instant}s truncated to milliseconds; enums are their lower-case names; the stage is its
 * wire name; the detected language is lower case; decode options and the result are JSON text
 * written with Jackson 2 (see {@link StoreJson}).
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

  private static final String COLUMNS =
      "id, status, stage, progress, task_type, priority, engine_name, model_name, platform,"
          + " callback_url, callback_status_code, callback_message, callback_time, callback_attempts,"
          + " callback_state, created_at,"
          + " updated_at, started_at, completed_at, task_processing_time, file_path, file_url,"
          + " file_name, file_size_bytes, file_duration, language, decode_options, result,"
          + " error_message, run_id, run_step, subtitle_formats";

  private static final String QUEUED = name(TaskStatus.QUEUED);
  private static final String PROCESSING = name(TaskStatus.PROCESSING);
  private static final String COMPLETED = name(TaskStatus.COMPLETED);
  private static final String FAILED = name(TaskStatus.FAILED);

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
            name(task.taskType()),
            name(task.priority()),
            lower(task.engineName()),
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
    return jdbc.sql("SELECT " + COLUMNS + " FROM tasks WHERE id = ?")
        .param(id)
        .query(JdbcTaskStore::map)
        .optional();
  }

  @Override
  public TaskPage query(TaskQuery query) {
    List<String> conditions = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (query.status() != null) {
      conditions.add("status = ?");
      args.add(name(query.status()));
    }
    if (query.priority() != null) {
      conditions.add("priority = ?");
      args.add(name(query.priority()));
    }
    if (query.createdAfter() != null) {
      conditions.add("created_at >= ?");
      args.add(ceilMillis(query.createdAfter()));
    }
    if (query.createdBefore() != null) {
      conditions.add("created_at < ?");
      args.add(ceilMillis(query.createdBefore()));
    }
    if (query.language() != null) {
      conditions.add("language = ?");
      args.add(lower(query.language()));
    }
    if (query.engineName() != null) {
      conditions.add("engine_name = ?");
      args.add(lower(query.engineName()));
    }
    if (query.hasResult() != null) {
      conditions.add(query.hasResult() ? "result IS NOT NULL" : "result IS NULL");
    }
    if (query.hasError() != null) {
      conditions.add(query.hasError() ? "error_message IS NOT NULL" : "error_message IS NULL");
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);

    long total =
        jdbc.sql("SELECT COUNT(*) FROM tasks" + where).params(args).query(Long.class).single();
    int limit = Math.max(0, query.limit());
    int offset = Math.max(0, query.offset());
    if (limit == 0 || offset >= total) {
      return new TaskPage(List.of(), total);
    }
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(limit);
    pageArgs.add(offset);
    List<TaskRecord> tasks =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM tasks"
                    + where
                    + " ORDER BY created_at, id LIMIT ? OFFSET ?")
            .params(pageArgs)
            .query(JdbcTaskStore::map)
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
            name(TaskPriority.HIGH),
            name(TaskPriority.NORMAL),
            rank(task.priority()),
            name(TaskPriority.HIGH),
            name(TaskPriority.NORMAL),
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
            lower(transcript.language()),
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

  /** The smallest epoch millisecond not before {@code instant}. */
  private static long ceilMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.truncatedTo(ChronoUnit.MILLIS).equals(instant) ? millis : millis + 1;
  }

  /**
   * Language codes and engine names are stored and matched in lower case, so matching is
   * case-insensitive on every database (MySQL's collation would be, SQLite's {@code =} is not).
   */
  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }

  private static TaskRecord map(ResultSet rs, int row) throws SQLException {
    return new TaskRecord(
        rs.getLong("id"),
        parse(TaskStatus.class, rs.getString("status")),
        rs.getString("stage"),
        rs.getDouble("progress"),
        parse(TaskType.class, rs.getString("task_type")),
        parse(TaskPriority.class, rs.getString("priority")),
        rs.getString("engine_name"),
        rs.getString("model_name"),
        rs.getString("platform"),
        rs.getString("callback_url"),
        nullableInt(rs, "callback_status_code"),
        rs.getString("callback_message"),
        instant(rs, "callback_time"),
        rs.getInt("callback_attempts"),
        rs.getString("callback_state"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "started_at"),
        instant(rs, "completed_at"),
        nullableDouble(rs, "task_processing_time"),
        rs.getString("file_path"),
        rs.getString("file_url"),
        rs.getString("file_name"),
        nullableLong(rs, "file_size_bytes"),
        nullableDouble(rs, "file_duration"),
        rs.getString("language"),
        StoreJson.decodeOptions(rs.getString("decode_options")),
        StoreJson.transcript(rs.getString("result")),
        rs.getString("error_message"),
        runLink(rs.getString("run_id"), rs.getString("run_step")),
        TaskRecord.splitFormats(rs.getString("subtitle_formats")));
  }

  private static TaskRecord.RunLink runLink(String runId, String step) {
    return runId == null ? null : new TaskRecord.RunLink(runId, step);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Long millis = nullableLong(rs, column);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
