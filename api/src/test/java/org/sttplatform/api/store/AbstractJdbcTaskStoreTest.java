package org.sttplatform.api.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.Transcript;

/**
 * The base of the {@link JdbcTaskStore} contract, which {@link
 * AbstractJdbcTaskStoreCreateAndQueryTest} and {@link AbstractJdbcTaskStoreLifecycleTest} run
 * against each supported database by a subclass. The subclass names its {@link TaskStoreDatabase},
 * opened and migrated once for the class; every test starts from an empty table. The fixtures here
 * are shared with the other store tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcTaskStoreTest {

  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  MutableClock clock;
  JdbcTaskStore store;
  JdbcClient jdbc;

  private TaskStoreDatabase database;

  /** The database under test, not yet opened: {@link TaskStoreDatabase#sqlite()} or MariaDB. */
  abstract TaskStoreDatabase newDatabase();

  @BeforeAll
  void migrate(@TempDir Path dir) throws Exception {
    database = newDatabase();
    database.open(dir);
  }

  @AfterAll
  void drop() {
    if (database != null) {
      database.close();
    }
  }

  /** A migrated data source for the database under test. */
  HikariDataSource dataSource() {
    return database.dataSource();
  }

  /** The {@code {vendor}} the migrations were resolved for. */
  String vendor() {
    return database.vendor();
  }

  /** The vendor this database must resolve to. */
  String expectedVendor() {
    return database.expectedVendor();
  }

  /** Aborts each test (reported as skipped) when the database is not available. */
  void assumeAvailable() {
    database.assumeAvailable();
  }

  @BeforeEach
  void emptyTable() {
    assumeAvailable();
    jdbc = JdbcClient.create(dataSource());
    jdbc.sql("DELETE FROM tasks").update();
    clock = new MutableClock(T0);
    store = new JdbcTaskStore(dataSource(), clock);
  }

  // --- fixtures -----------------------------------------------------------------------------

  static NewTask urlTask(TaskPriority priority, String engine) {
    return new NewTask(
        TaskType.TRANSCRIBE,
        priority,
        engine,
        "base",
        "",
        "",
        null,
        null,
        null,
        null,
        "https://media.example.org/a.mp4",
        DecodeOptions.defaults());
  }

  static NewTask uploadTask(String fileName) {
    return new NewTask(
        TaskType.TRANSCRIBE,
        TaskPriority.NORMAL,
        "whisper.cpp",
        "base",
        "",
        "",
        "/data/uploads/abc.mp3",
        fileName,
        1_000L,
        null,
        null,
        DecodeOptions.defaults());
  }

  static Transcript transcript(String language) {
    return new Transcript(
        "Hello world. Second sentence.",
        language,
        0.97,
        4.2,
        "whisper.cpp",
        "base",
        1.25,
        List.of(
            new Transcript.Segment(
                1,
                0.0,
                2.0,
                " Hello world.",
                List.of(50364, 2425, 1002, 13),
                -0.21,
                1.1,
                0.01,
                List.of(
                    new Transcript.Word(0.0, 0.8, " Hello", 0.98),
                    new Transcript.Word(0.8, 2.0, " world.", 0.91))),
            new Transcript.Segment(
                2, 2.0, 4.2, " Second sentence.", List.of(7, 8), -0.3, 1.2, 0.02, null)));
  }

  static TaskQuery all(int limit, int offset) {
    return new TaskQuery(null, null, null, null, null, null, null, null, limit, offset);
  }

  static QueryBuilder q() {
    return new QueryBuilder();
  }

  static List<Long> ids(TaskPage page) {
    return Collections.unmodifiableList(page.tasks().stream().map(TaskRecord::id).toList());
  }

  /** Builds a {@link TaskQuery}; unset filters are {@code null}, the page is 100 from 0. */
  static final class QueryBuilder {
    private TaskStatus status;
    private TaskPriority priority;
    private Instant createdAfter;
    private Instant createdBefore;
    private String language;
    private String engineName;
    private Boolean hasResult;
    private Boolean hasError;
    private int limit = 100;
    private int offset;

    QueryBuilder status(TaskStatus value) {
      status = value;
      return this;
    }

    QueryBuilder priority(TaskPriority value) {
      priority = value;
      return this;
    }

    QueryBuilder createdAfter(Instant value) {
      createdAfter = value;
      return this;
    }

    QueryBuilder createdBefore(Instant value) {
      createdBefore = value;
      return this;
    }

    QueryBuilder language(String value) {
      language = value;
      return this;
    }

    QueryBuilder engineName(String value) {
      engineName = value;
      return this;
    }

    QueryBuilder hasResult(Boolean value) {
      hasResult = value;
      return this;
    }

    QueryBuilder hasError(Boolean value) {
      hasError = value;
      return this;
    }

    QueryBuilder limit(int value) {
      limit = value;
      return this;
    }

    QueryBuilder offset(int value) {
      offset = value;
      return this;
    }

    TaskQuery build() {
      return new TaskQuery(
          status,
          priority,
          createdAfter,
          createdBefore,
          language,
          engineName,
          hasResult,
          hasError,
          limit,
          offset);
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    void advance(Duration duration) {
      now.updateAndGet(i -> i.plus(duration));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
