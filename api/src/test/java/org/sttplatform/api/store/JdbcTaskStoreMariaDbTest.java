package org.sttplatform.api.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract on MariaDB (MySQL mode, through mysql-connector-j) in a throw-away schema
 * {@code stt_test_<random>}. Skipped, loudly, when nothing listens on 127.0.0.1:3306; CI runs
 * MariaDB, so there it runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcTaskStoreMariaDbTest extends AbstractJdbcTaskStoreTest {

  private String database;
  private HikariDataSource dataSource;
  private String vendor;

  private boolean reachable;

  @BeforeAll
  void migrate() throws Exception {
    reachable = TestDatabases.mysqlReachable();
    if (!reachable) {
      return;
    }
    database = TestDatabases.newMysqlDatabaseName();
    TestDatabases.createMysqlDatabase(database);
    dataSource = TestDatabases.mysql(database);
    vendor = TestDatabases.migrate(dataSource);
  }

  @AfterAll
  void drop() {
    if (dataSource != null) {
      dataSource.close();
    }
    if (database != null) {
      TestDatabases.dropMysqlDatabase(database);
    }
  }

  @Override
  void assumeAvailable() {
    assumeTrue(reachable, TestDatabases.MYSQL_UNREACHABLE);
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }

  @Override
  String vendor() {
    return vendor;
  }

  @Override
  String expectedVendor() {
    return "mysql";
  }
}
