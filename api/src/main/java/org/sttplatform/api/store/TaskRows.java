package org.sttplatform.api.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;

/**
 * How a task is kept in a {@code tasks} row: the columns read back, the stored form of enums and of
 * the case-insensitive texts, and the mapping of a row to a {@link TaskRecord}. {@link
 * JdbcTaskStore}'s class comment describes the representation as a whole.
 */
final class TaskRows {

  /** The columns {@link #map} reads, in table order. */
  static final String COLUMNS =
      "id, status, stage, progress, task_type, priority, engine_name, model_name, platform,"
          + " callback_url, callback_status_code, callback_message, callback_time, callback_attempts,"
          + " callback_state, created_at,"
          + " updated_at, started_at, completed_at, task_processing_time, file_path, file_url,"
          + " file_name, file_size_bytes, file_duration, language, decode_options, result,"
          + " error_message, run_id, run_step, subtitle_formats";

  private TaskRows() {}

  /**
   * Language codes and engine names are stored and matched in lower case, so matching is
   * case-insensitive on every database (MySQL's collation would be, SQLite's {@code =} is not).
   */
  static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  /** An enum's stored form: its lower-case name. */
  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The task in the current row of {@code rs}, which selected {@link #COLUMNS}. */
  static TaskRecord map(ResultSet rs, int row) throws SQLException {
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

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
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
