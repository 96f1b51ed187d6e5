package org.sttplatform.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sttplatform.api.store.JdbcTaskStore;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.store.TestDatabases;

/**
 * The datasource wiring with Spring Boot's own DataSource and Flyway auto-configuration and the
 * real {@code application.yml}: no web server, no Temporal.
 */
class DataSourceConfigTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
          .withUserConfiguration(DataSourceConfig.class, JdbcTaskStore.class);

  @Test
  void defaultUrlCreatesTheDataDirectoryAndMigratesSqlite(@TempDir Path tmp) {
    assumeTrue(System.getenv("DB_URL") == null, "DB_URL is set: the default URL is not used");
    Path dataDir = tmp.resolve("not").resolve("yet").resolve("there");
    runner
        .withPropertyValues("stt.data-dir=" + dataDir)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(Files.isRegularFile(dataDir.resolve("stt.db"))).isTrue();
              HikariDataSource dataSource = context.getBean(HikariDataSource.class);
              assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:sqlite:" + dataDir + "/stt.db");
              assertThat(dataSource.getMaximumPoolSize()).isEqualTo(SqliteSupport.POOL_SIZE);
              JdbcClient jdbc = JdbcClient.create(dataSource);
              assertThat(pragma(jdbc, "journal_mode")).isEqualTo("wal");
              assertThat(pragma(jdbc, "busy_timeout")).isEqualTo("10000");
              assertThat(pragma(jdbc, "foreign_keys")).isEqualTo("1");
              assertThat(tasksTableRows(jdbc)).isZero();
              assertThat(context.getBean(TaskStore.class)).isInstanceOf(JdbcTaskStore.class);
            });
  }

  @Test
  void hikariPropertiesOverrideTheSqliteDefaults(@TempDir Path tmp) {
    runner
        .withPropertyValues(
            "spring.datasource.url=jdbc:sqlite:" + tmp.resolve("sub/x.db"),
            "spring.datasource.hikari.maximum-pool-size=2",
            "spring.datasource.hikari.data-source-properties.busy_timeout=2500")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              HikariDataSource dataSource = context.getBean(HikariDataSource.class);
              assertThat(dataSource.getMaximumPoolSize()).isEqualTo(2);
              JdbcClient jdbc = JdbcClient.create(dataSource);
              assertThat(pragma(jdbc, "busy_timeout")).isEqualTo("2500");
              assertThat(pragma(jdbc, "journal_mode")).isEqualTo("wal");
            });
  }

  @Test
  void mysqlUrlWithCreateDatabaseIfNotExistWorksUnchanged() {
    assumeTrue(TestDatabases.mysqlReachable(), TestDatabases.MYSQL_UNREACHABLE);
    String database = TestDatabases.newMysqlDatabaseName();
    try {
      runner
          .withPropertyValues(
              "spring.datasource.url="
                  + TestDatabases.mysqlUrl(database)
                  + "?createDatabaseIfNotExist=true",
              "spring.datasource.username=" + TestDatabases.MYSQL_USER,
              "spring.datasource.password=" + TestDatabases.MYSQL_PASSWORD)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                HikariDataSource dataSource = context.getBean(HikariDataSource.class);
                assertThat(dataSource.getMaximumPoolSize()).isEqualTo(10);
                assertThat(dataSource.getDataSourceProperties()).isEmpty();
                JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
                assertThat(tasksTableRows(jdbc)).isZero();
                String resultType =
                    jdbc.sql(
                            "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE"
                                + " TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'tasks' AND"
                                + " COLUMN_NAME = 'result'")
                        .query(String.class)
                        .single();
                assertThat(resultType).isEqualToIgnoringCase("longtext");
              });
    } finally {
      TestDatabases.dropMysqlDatabase(database);
    }
  }

  @Test
  void sqliteUrlsNameTheirDatabaseFile() {
    assertThat(SqliteSupport.databaseFile("jdbc:sqlite:./data/stt.db"))
        .isEqualTo(Path.of("./data/stt.db"));
    assertThat(SqliteSupport.databaseFile("jdbc:sqlite:/d/stt.db?journal_mode=WAL"))
        .isEqualTo(Path.of("/d/stt.db"));
    assertThat(SqliteSupport.databaseFile("jdbc:sqlite:file:/d/stt.db"))
        .isEqualTo(Path.of("/d/stt.db"));
    assertThat(SqliteSupport.databaseFile("jdbc:sqlite::memory:")).isNull();
    assertThat(SqliteSupport.databaseFile("jdbc:sqlite:")).isNull();
    assertThat(SqliteSupport.databaseFile("jdbc:sqlite:file:x?mode=memory&cache=shared")).isNull();
    assertThat(SqliteSupport.isSqlite("jdbc:mysql://h/db")).isFalse();
  }

  private static String pragma(JdbcClient jdbc, String name) {
    return jdbc.sql("PRAGMA " + name).query(String.class).single();
  }

  private static long tasksTableRows(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM tasks").query(Long.class).single();
  }
}
