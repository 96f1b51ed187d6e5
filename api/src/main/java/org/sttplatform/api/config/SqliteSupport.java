package org.sttplatform.api.config;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Settings that make a file-based SQLite database safe for several writer threads: WAL journal
 * (readers do not block the writer), a 10 s busy timeout (a writer waits for the lock instead of
 * failing with {@code database is locked}), {@code BEGIN IMMEDIATE} transactions (a transaction
 * takes the write lock up front, so it cannot fail half-way when upgrading a read lock), foreign
 * keys on, and a small pool (SQLite has a single writer).
 */
public final class SqliteSupport {

  /** Prefix of SQLite JDBC URLs. */
  public static final String URL_PREFIX = "jdbc:sqlite:";

  /** Connections in the pool; SQLite serialises writers, more connections only queue. */
  public static final int POOL_SIZE = 4;

  /** Milliseconds a connection waits for a lock before giving up. */
  public static final int BUSY_TIMEOUT_MILLIS = 10_000;

  /**
   * Driver properties (xerial {@code SQLiteConfig} pragma names), applied to every new connection.
   */
  public static final Map<String, String> DRIVER_PROPERTIES =
      Map.of(
          "journal_mode", "WAL",
          "synchronous", "NORMAL",
          "busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS),
          "foreign_keys", "true",
          "transaction_mode", "IMMEDIATE");

  private SqliteSupport() {}

  /** Whether {@code url} is a SQLite JDBC URL. */
  public static boolean isSqlite(String url) {
    return url != null && url.toLowerCase(Locale.ROOT).startsWith(URL_PREFIX);
  }

  /**
   * Applies the defaults to a pool that has not started yet. Driver properties already set on the
   * pool (or in the URL) win, and so do {@code spring.datasource.hikari.*} settings bound later.
   */
  public static void configure(HikariDataSource dataSource) {
    DRIVER_PROPERTIES.forEach(
        (key, value) -> {
          if (!dataSource.getDataSourceProperties().containsKey(key)
              && !dataSource.getJdbcUrl().contains(key + "=")) {
            dataSource.addDataSourceProperty(key, value);
          }
        });
    dataSource.setMaximumPoolSize(POOL_SIZE);
    // An empty user/password would reach the driver as a "password" (encryption key) pragma.
    if (dataSource.getUsername() != null && dataSource.getUsername().isEmpty()) {
      dataSource.setUsername(null);
    }
    if (dataSource.getPassword() != null && dataSource.getPassword().isEmpty()) {
      dataSource.setPassword(null);
    }
    createParentDirectory(dataSource.getJdbcUrl());
  }

  /**
   * The database file of a SQLite URL, or {@code null} for an in-memory database. Handles {@code
   * jdbc:sqlite:path}, {@code jdbc:sqlite:file:path} and a trailing {@code ?options}.
   */
  public static Path databaseFile(String url) {
    String rest = url.substring(URL_PREFIX.length());
    int query = rest.indexOf('?');
    String options = query < 0 ? "" : rest.substring(query + 1);
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
      if (rest.startsWith("//")) {
        rest = rest.substring(2);
      }
    }
    if (rest.isEmpty() || rest.startsWith(":memory:") || options.contains("mode=memory")) {
      return null;
    }
    return Path.of(rest);
  }

  /** Creates the directory of the database file so that the driver can create the file. */
  static void createParentDirectory(String url) {
    Path file = databaseFile(url);
    if (file == null) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the database directory " + parent, e);
    }
  }
}
