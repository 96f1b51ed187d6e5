package org.sttplatform.api.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The crawled-post store on a SQLite file with the production settings. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrawledPostStoreSqliteTest extends AbstractCrawledPostStoreTest {
  private HikariDataSource dataSource;

  @BeforeAll
  void migrate(@TempDir Path dir) throws Exception {
    dataSource = TestDatabases.sqlite(dir);
    TestDatabases.migrate(dataSource);
  }

  @AfterAll
  void close() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
