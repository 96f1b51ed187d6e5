package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sttplatform.workflows.model.DecodeOptions;

/**
 * {@link JdbcSummaryStore} on SQLite and on MariaDB (skipped, loudly, when nothing listens on
 * 127.0.0.1:3306), with the migrations of {@code db/migration/{vendor}} (V5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcSummaryStoreTest {
  static final Instant T0 = Instant.parse("2026-11-24T18:00:00.123Z");

  private HikariDataSource sqlite;
  private HikariDataSource mysql;
  private String mysqlDatabase;

  @BeforeAll
  void migrate(@TempDir Path dir) throws Exception {
    sqlite = TestDatabases.sqlite(dir);
    TestDatabases.migrate(sqlite);
    if (TestDatabases.mysqlReachable()) {
      mysqlDatabase = TestDatabases.newMysqlDatabaseName();
      TestDatabases.createMysqlDatabase(mysqlDatabase);
      mysql = TestDatabases.mysql(mysqlDatabase);
      TestDatabases.migrate(mysql);
    }
  }

  @AfterAll
  void close() {
    if (sqlite != null) {
      sqlite.close();
    }
    if (mysql != null) {
      mysql.close();
    }
    if (mysqlDatabase != null) {
      TestDatabases.dropMysqlDatabase(mysqlDatabase);
    }
  }

  Stream<String> databases() {
    return Stream.of("sqlite", "mysql");
  }

  private DataSource dataSource(String name) {
    if (name.equals("mysql")) {
      assumeTrue(mysql != null, TestDatabases.MYSQL_UNREACHABLE);
      return mysql;
    }
    return sqlite;
  }

  private static long task(JdbcTaskStore tasks) {
    return tasks
        .create(
            new NewTask(
                TaskType.TRANSCRIBE,
                TaskPriority.NORMAL,
                "whisper.cpp",
                null,
                null,
                null,
                null,
                "talk.wav",
                10L,
                1.0,
                null,
                DecodeOptions.defaults()))
        .id();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void summariesAreListedWithTheirTaskInOrderAndGoWithIt(String database) {
    DataSource ds = dataSource(database);
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    JdbcTaskStore tasks = new JdbcTaskStore(ds, clock);
    JdbcSummaryStore summaries = new JdbcSummaryStore(ds, clock);
    long a = task(tasks);
    long b = task(tasks);
    String longText = "摘要".repeat(40_000); // beyond TEXT on MySQL: LONGTEXT

    SummaryRecord first = summaries.add(a, "First.", "gpt-4o-mini", "Bullets.", "en", 1).get();
    summaries.add(b, "Other task.", "m", "p", "fr", 1);
    SummaryRecord second = summaries.add(a, longText, "llama3.1:8b", "Decisions.", "zh", 7).get();

    assertThat(first.id()).isPositive();
    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(summaries.forTask(a))
        .containsExactly(
            new SummaryRecord(first.id(), a, "First.", "gpt-4o-mini", "Bullets.", "en", 1, T0),
            new SummaryRecord(second.id(), a, longText, "llama3.1:8b", "Decisions.", "zh", 7, T0));

    assertThat(tasks.delete(a)).isTrue();
    assertThat(summaries.forTask(a)).isEmpty();
    assertThat(summaries.forTask(b)).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSummaryOfAMissingTaskIsRefused(String database) {
    JdbcSummaryStore summaries = new JdbcSummaryStore(dataSource(database), Clock.systemUTC());
    assertThat(summaries.add(987_654_321L, "s", "m", "p", "en", 1)).isEmpty();
  }
}
