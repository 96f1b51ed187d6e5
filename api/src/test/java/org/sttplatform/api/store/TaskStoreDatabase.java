package org.sttplatform.api.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/**
 * The database one {@link AbstractJdbcTaskStoreTest} class runs on, opened and migrated before its
 * first test and closed after its last: a SQLite file with the production settings, or MariaDB
 * (MySQL mode, through mysql-connector-j) in a throw-away schema {@code stt_test_<random>}. MariaDB
 * is skipped, loudly, when nothing listens on 127.0.0.1:3306; CI runs MariaDB, so there it runs.
 */
final class TaskStoreDatabase implements AutoCloseable {
  private final boolean mysql;
  private boolean reachable = true;
  private String database;
  private HikariDataSource dataSource;
  private String vendor;

  private TaskStoreDatabase(boolean mysql) {
    this.mysql = mysql;
  }

  /** A SQLite file, in directories that do not exist yet. */
  static TaskStoreDatabase sqlite() {
    return new TaskStoreDatabase(false);
  }

  /** A new schema on the MariaDB that CI (and the dev container) runs. */
  static TaskStoreDatabase mariaDb() {
    return new TaskStoreDatabase(true);
  }

  /**
   * Creates the database ({@code dir} holds a SQLite file) and applies the migrations; {@link
   * #close()} releases what was created, also when this failed half-way.
   */
  void open(Path dir) throws Exception {
    if (mysql) {
      reachable = TestDatabases.mysqlReachable();
      if (!reachable) {
        return;
      }
      database = TestDatabases.newMysqlDatabaseName();
      TestDatabases.createMysqlDatabase(database);
      dataSource = TestDatabases.mysql(database);
    } else {
      dataSource = TestDatabases.sqlite(dir.resolve("nested").resolve("data"));
    }
    vendor = TestDatabases.migrate(dataSource);
  }

  /** The migrated pool. */
  HikariDataSource dataSource() {
    return dataSource;
  }

  /** The {@code {vendor}} the migrations were resolved for. */
  String vendor() {
    return vendor;
  }

  /** The vendor this database must resolve to. */
  String expectedVendor() {
    return mysql ? "mysql" : "sqlite";
  }

  /** Aborts the test (reported as skipped) when the database is not available. */
  void assumeAvailable() {
    assumeTrue(reachable, TestDatabases.MYSQL_UNREACHABLE);
  }

  @Override
  public void close() {
    if (dataSource != null) {
      dataSource.close();
    }
    if (database != null) {
      TestDatabases.dropMysqlDatabase(database);
    }
  }
}
