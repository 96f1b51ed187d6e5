package org.sttplatform.api.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@link SummaryStore} on SQLite or MySQL/MariaDB (schema {@code V5__summaries.sql}). */
@Repository
public class JdbcSummaryStore implements SummaryStore {
  private final JdbcClient jdbc;
  private final Clock clock;

  /** Uses the application's {@link Clock} bean if there is one, else the UTC system clock. */
  @Autowired
  public JdbcSummaryStore(DataSource dataSource, ObjectProvider<Clock> clock) {
    this(dataSource, clock.getIfAvailable(Clock::systemUTC));
  }

  public JdbcSummaryStore(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  @Override
  public Optional<SummaryRecord> add(
      long taskId, String summary, String model, String prompt, String outputLanguage, int chunks) {
    long now = clock.millis();
    KeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.sql(
              "INSERT INTO task_summaries (task_id, summary, model, prompt, output_language,"
                  + " chunks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(taskId, summary, model, prompt, outputLanguage, chunks, now)
          .update(key);
    } catch (DataAccessException e) {
      // The foreign key refused it (SQLite's error is not translated to an integrity violation).
      if (!taskExists(taskId)) {
        return Optional.empty();
      }
      throw e;
    }
    long id = key.getKey().longValue();
    return Optional.of(
        new SummaryRecord(
            id, taskId, summary, model, prompt, outputLanguage, chunks, Instant.ofEpochMilli(now)));
  }

  private boolean taskExists(long taskId) {
    return jdbc.sql("SELECT COUNT(*) FROM tasks WHERE id = ?")
            .param(taskId)
            .query(Long.class)
            .single()
        > 0;
  }

  @Override
  public List<SummaryRecord> forTask(long taskId) {
    return jdbc.sql(
            "SELECT id, task_id, summary, model, prompt, output_language, chunks, created_at"
                + " FROM task_summaries WHERE task_id = ? ORDER BY id")
        .param(taskId)
        .query(JdbcSummaryStore::map)
        .list();
  }

  private static SummaryRecord map(ResultSet rs, int row) throws SQLException {
    return new SummaryRecord(
        rs.getLong("id"),
        rs.getLong("task_id"),
        rs.getString("summary"),
        rs.getString("model"),
        rs.getString("prompt"),
        rs.getString("output_language"),
        rs.getInt("chunks"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
