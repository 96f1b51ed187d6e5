package org.sttplatform.api.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code pipeline_runs} table. Listings come from here (the embedded Temporal server has no
 * visibility API). A run's end is final: {@link #ended} only moves a running row, so a retried
 * {@code runEnded} or the workflow's report after a cancellation the API recorded changes nothing.
 * Inputs and outputs are JSON text; times are UTC epoch milliseconds.
 */
@Repository
public class JdbcRunStore {
  /** Longest error stored; longer ones are cut (TEXT holds 64 KiB on MySQL). */
  static final int MAX_ERROR = 8_000;

  private static final String COLUMNS =
      "run_id, definition_id, definition_version, status, inputs, outputs, error, created_at,"
          + " updated_at, ended_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  /** Uses the application's {@link Clock} bean if there is one, else the UTC system clock. */
  @Autowired
  public JdbcRunStore(DataSource dataSource, ObjectProvider<Clock> clock) {
    this(dataSource, clock.getIfAvailable(Clock::systemUTC));
  }

  /** A store whose timestamps come from {@code clock}. */
  public JdbcRunStore(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /** Inserts a running run. */
  public RunRecord create(
      String runId, String definitionId, int definitionVersion, Map<String, Object> inputs) {
    long now = clock.instant().toEpochMilli();
    jdbc.sql(
            "INSERT INTO pipeline_runs (run_id, definition_id, definition_version, status,"
                + " inputs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            runId,
            definitionId,
            definitionVersion,
            RunRecord.RUNNING,
            StoreJson.write(inputs),
            now,
            now)
        .update();
    return find(runId).orElseThrow(() -> new IllegalStateException("Run " + runId + " vanished"));
  }

  /** The run {@code runId}. */
  public Optional<RunRecord> find(String runId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM pipeline_runs WHERE run_id = ?")
        .param(runId)
        .query(JdbcRunStore::map)
        .optional();
  }

  /**
   * Records the end of a running run.
   *
   * @return whether the row moved (false if unknown or already ended)
   */
  public boolean ended(String runId, String status, Map<String, Object> outputs, String error) {
    if (!RunRecord.STATUSES.contains(status) || RunRecord.RUNNING.equals(status)) {
      throw new IllegalArgumentException("Not a final run status: " + status);
    }
    long now = clock.instant().toEpochMilli();
    return jdbc.sql(
                "UPDATE pipeline_runs SET status = ?, outputs = ?, error = ?, updated_at = ?,"
                    + " ended_at = ? WHERE run_id = ? AND status = ?")
            .params(
                status, StoreJson.write(outputs), cut(error), now, now, runId, RunRecord.RUNNING)
            .update()
        > 0;
  }

  /** One page of runs and the number of matching runs. */
  public record Page(List<RunRecord> runs, long totalCount) {}

  /**
   * Runs ordered by {@code (created_at, run_id)}.
   *
   * @param definitionId only this definition's runs, or {@code null}
   * @param status only runs with this status, or {@code null}
   */
  public Page query(String definitionId, String status, int limit, long offset) {
    List<String> conditions = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (definitionId != null) {
      conditions.add("definition_id = ?");
      args.add(definitionId);
    }
    if (status != null) {
      conditions.add("status = ?");
      args.add(status);
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    long total =
        jdbc.sql("SELECT COUNT(*) FROM pipeline_runs" + where)
            .params(args)
            .query(Long.class)
            .single();
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(Math.max(0, limit));
    pageArgs.add(Math.max(0, offset));
    List<RunRecord> runs =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM pipeline_runs"
                    + where
                    + " ORDER BY created_at, run_id LIMIT ? OFFSET ?")
            .params(pageArgs)
            .query(JdbcRunStore::map)
            .list();
    return new Page(runs, total);
  }

  private static String cut(String error) {
    return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }

  private static RunRecord map(ResultSet rs, int row) throws SQLException {
    long ended = rs.getLong("ended_at");
    Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
    return new RunRecord(
        rs.getString("run_id"),
        rs.getString("definition_id"),
        rs.getInt("definition_version"),
        rs.getString("status"),
        StoreJson.object(rs.getString("inputs")),
        StoreJson.object(rs.getString("outputs")),
        rs.getString("error"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        endedAt);
  }
}
