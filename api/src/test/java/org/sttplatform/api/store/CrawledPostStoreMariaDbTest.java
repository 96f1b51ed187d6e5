package org.sttplatform.api.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The crawled-post store on MariaDB (MySQL mode) in a throw-away schema; skipped, loudly, when
 * nothing listens on the test server's port, like {@link JdbcTaskStoreMariaDbTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrawledPostStoreMariaDbTest extends AbstractCrawledPostStoreTest {
  private String database;
  private HikariDataSource dataSource;
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
    TestDatabases.migrate(dataSource);
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
}
