package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file with the production settings. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcTaskStoreSqliteTest extends AbstractJdbcTaskStoreTest {

  private HikariDataSource dataSource;
  private String vendor;

  @BeforeAll
  void migrate(@TempDir Path dir) throws Exception {
    dataSource = TestDatabases.sqlite(dir.resolve("nested").resolve("data"));
    vendor = TestDatabases.migrate(dataSource);
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

  @Override
  String vendor() {
    return vendor;
  }

  @Override
  String expectedVendor() {
    return "sqlite";
  }

  @Test
  void connectionsUseWalBusyTimeoutAndForeignKeys() {
    assertThat(pragma("journal_mode")).isEqualTo("wal");
    assertThat(pragma("busy_timeout")).isEqualTo("10000");
    assertThat(pragma("foreign_keys")).isEqualTo("1");
    assertThat(dataSource.getMaximumPoolSize()).isEqualTo(4);
  }

  private String pragma(String name) {
    return jdbc.sql("PRAGMA " + name).query(String.class).single();
  }
}
