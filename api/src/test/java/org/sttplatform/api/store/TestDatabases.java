package org.sttplatform.api.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.sttplatform.api.config.SqliteSupport;

/** Throw-away databases for store tests: a SQLite file, or a MariaDB/MySQL schema. */
public final class TestDatabases {

  /** Host and port of the MariaDB that CI (and the dev container) runs. */
  public static final String MYSQL_HOST = env("STT_TEST_MYSQL_HOST", "127.0.0.1");

  public static final int MYSQL_PORT = Integer.parseInt(env("STT_TEST_MYSQL_PORT", "3306"));
  public static final String MYSQL_USER = env("STT_TEST_MYSQL_USER", "root");
  public static final String MYSQL_PASSWORD = env("STT_TEST_MYSQL_PASSWORD", "");

  /** The assumption message when MariaDB is down. */
  public static final String MYSQL_UNREACHABLE =
      "MariaDB not reachable at " + MYSQL_HOST + ":" + MYSQL_PORT + ": MySQL-mode tests skipped";

  private TestDatabases() {}

  /** A SQLite pool on {@code dir/stt.db} with the production SQLite settings. */
  public static HikariDataSource sqlite(Path dir) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SqliteSupport.URL_PREFIX + dir.resolve("stt.db"));
    SqliteSupport.configure(dataSource);
    return dataSource;
  }

  /**
   * Whether something listens on the MariaDB port. With {@code STT_REQUIRE_MYSQL_TESTS=true} (set
   * it on CI) an unreachable server fails the tests instead of skipping them.
   */
  public static boolean mysqlReachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(MYSQL_HOST, MYSQL_PORT), 1_000);
      return true;
    } catch (IOException e) {
      if (Boolean.parseBoolean(System.getenv("STT_REQUIRE_MYSQL_TESTS"))) {
        throw new IllegalStateException(
            "MariaDB not reachable at "
                + MYSQL_HOST
                + ":"
                + MYSQL_PORT
                + " and STT_REQUIRE_MYSQL_TESTS=true",
            e);
      }
      System.err.println("*** " + MYSQL_UNREACHABLE + " (" + e + ") ***");
      return false;
    }
  }

  /** The JDBC URL of a schema on the test server. */
  public static String mysqlUrl(String database) {
    return "jdbc:mysql://" + MYSQL_HOST + ":" + MYSQL_PORT + "/" + database;
  }

  /** A fresh, unique schema name {@code stt_test_<random>}. */
  public static String newMysqlDatabaseName() {
    return "stt_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Creates the schema {@code name}. */
  public static void createMysqlDatabase(String name) {
    mysqlAdmin("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
  }

  /** Drops the schema {@code name} if it exists. */
  public static void dropMysqlDatabase(String name) {
    mysqlAdmin("DROP DATABASE IF EXISTS " + name);
  }

  /** A pool on the schema {@code name}. */
  public static HikariDataSource mysql(String name) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(mysqlUrl(name));
    dataSource.setUsername(MYSQL_USER);
    dataSource.setPassword(MYSQL_PASSWORD);
    dataSource.setMaximumPoolSize(8);
    return dataSource;
  }

  /**
   * Runs the migrations of the data source's vendor, resolved the way Spring Boot resolves {@code
   * {vendor}} in {@code spring.flyway.locations}; returns the vendor.
   */
  public static String migrate(DataSource dataSource) throws Exception {
    String url = JdbcUtils.extractDatabaseMetaData(dataSource, meta -> meta.getURL());
    String vendor = DatabaseDriver.fromJdbcUrl(url).getId();
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/" + vendor)
        .load()
        .migrate();
    return vendor;
  }

  private static void mysqlAdmin(String sql) {
    String url = "jdbc:mysql://" + MYSQL_HOST + ":" + MYSQL_PORT + "/";
    try (Connection connection = DriverManager.getConnection(url, MYSQL_USER, MYSQL_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
