package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The create and query contract on a SQLite file with the production settings, and those settings.
 */
class JdbcTaskStoreCreateAndQuerySqliteTest extends AbstractJdbcTaskStoreCreateAndQueryTest {

  private HikariDataSource dataSource;

  @Override
  TaskStoreDatabase newDatabase() {
    return TaskStoreDatabase.sqlite();
  }

  @BeforeAll
  void pool() {
    dataSource = dataSource();
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
