package org.sttplatform.api.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code pipeline_definitions} table: every stored version of every definition, keyed by {@code
 * (id, version)}. Versions are never changed; a new one is a new row. Times are UTC epoch
 * milliseconds like the task table's.
 */
@Repository
public class JdbcDefinitionStore {
  private static final String COLUMNS =
      "id, version, description, content, content_hash, trigger_type, created_at";

  /** Attempts at a new version when concurrent writers take the same number. */
  private static final int ATTEMPTS = 5;

  private final JdbcClient jdbc;
  private final Clock clock;

  /** Uses the application's {@link Clock} bean if there is one, else the UTC system clock. */
  @Autowired
  public JdbcDefinitionStore(DataSource dataSource, ObjectProvider<Clock> clock) {
    this(dataSource, clock.getIfAvailable(Clock::systemUTC));
  }

  /** A store whose timestamps come from {@code clock}. */
  public JdbcDefinitionStore(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /**
   * The outcome of {@link #add}.
   *
   * @param definition the stored version
   * @param created whether a new row was written (else the latest version had the same content)
   */
  public record Added(DefinitionRecord definition, boolean created) {}

  /**
   * Stores the next version of {@code id} (1 for a new id), unless the latest version has the same
   * content hash: then that version is returned and nothing is written, so sending a definition
   * twice is idempotent.
   *
   * @param content the JSON to store for a given version number
   */
  public Added add(
      String id,
      String description,
      String contentHash,
      String triggerType,
      IntFunction<String> content) {
    for (int attempt = 1; ; attempt++) {
      Optional<DefinitionRecord> latest = latest(id);
      if (latest.isPresent() && latest.get().contentHash().equals(contentHash)) {
        return new Added(latest.get(), false);
      }
      int version = latest.map(d -> d.version() + 1).orElse(1);
      try {
        insert(id, version, description, content.apply(version), contentHash, triggerType);
        return new Added(find(id, version).orElseThrow(), true);
      } catch (DuplicateKeyException e) {
        // Another writer took this version number meanwhile: read the latest again.
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Stores version 1 of {@code id} if no version of it exists; whether it was written. */
  public boolean addIfAbsent(
      String id, String description, String contentHash, String triggerType, String content) {
    if (latest(id).isPresent()) {
      return false;
    }
    try {
      insert(id, 1, description, content, contentHash, triggerType);
      return true;
    } catch (DuplicateKeyException e) {
      return false; // another API node seeded it at the same time
    }
  }

  private void insert(
      String id,
      int version,
      String description,
      String content,
      String contentHash,
      String triggerType) {
    jdbc.sql("INSERT INTO pipeline_definitions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            version,
            description,
            content,
            contentHash,
            triggerType,
            clock.instant().toEpochMilli())
        .update();
  }

  /** The highest version of {@code id}. */
  public Optional<DefinitionRecord> latest(String id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM pipeline_definitions WHERE id = ? ORDER BY version DESC LIMIT 1")
        .param(id)
        .query(JdbcDefinitionStore::map)
        .optional();
  }

  /** Version {@code version} of {@code id}. */
  public Optional<DefinitionRecord> find(String id, int version) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM pipeline_definitions WHERE id = ? AND version = ?")
        .params(id, version)
        .query(JdbcDefinitionStore::map)
        .optional();
  }

  /** The latest version of every definition, ordered by id. */
  public List<DefinitionRecord> latestOfEach() {
    return jdbc.sql(
            "SELECT d."
                + COLUMNS.replace(", ", ", d.")
                + " FROM pipeline_definitions d JOIN (SELECT id, MAX(version) AS version FROM"
                + " pipeline_definitions GROUP BY id) m ON d.id = m.id AND d.version = m.version"
                + " ORDER BY d.id")
        .query(JdbcDefinitionStore::map)
        .list();
  }

  /** Deletes every version of {@code id}; whether there was one. */
  public boolean delete(String id) {
    return jdbc.sql("DELETE FROM pipeline_definitions WHERE id = ?").param(id).update() > 0;
  }

  private static DefinitionRecord map(ResultSet rs, int row) throws SQLException {
    return new DefinitionRecord(
        rs.getString("id"),
        rs.getInt("version"),
        rs.getString("description"),
        rs.getString("content"),
        rs.getString("content_hash"),
        rs.getString("trigger_type"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
