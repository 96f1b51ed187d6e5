package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.DecodeOptions;

/**
 * The {@link JdbcTaskStore} contract for what a created task stores and how tasks are found: the
 * schema, create and find, the queue position, and the query's filters and paging.
 */
abstract class AbstractJdbcTaskStoreCreateAndQueryTest extends AbstractJdbcTaskStoreTest {

  // --- schema -------------------------------------------------------------------------------

  @Test
  void migrationsApplyForTheVendorLocation() {
    assertThat(vendor()).isEqualTo(expectedVendor());
    List<String> versions =
        jdbc.sql(
                "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT"
                    + " NULL ORDER BY installed_rank")
            .query(String.class)
            .list();
    assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "10");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM tasks").query(Long.class).single()).isZero();
  }

  // --- create / find ------------------------------------------------------------------------

  @Test
  void createThenFindRoundTripsEveryField() {
    DecodeOptions options =
        new DecodeOptions(
            "de",
            List.of(0.0, 0.4),
            2.2,
            0.5,
            false,
            "Fachbegriffe: Ärztin, Übergröße — “quoted” 日本語",
            true,
            DecodeOptions.DEFAULT_PREPEND,
            DecodeOptions.DEFAULT_APPEND,
            List.of(1.5, 7.25),
            2.0);
    NewTask task =
        new NewTask(
            TaskType.TRANSLATE,
            TaskPriority.HIGH,
            "whisper.cpp",
            "base",
            "tiktok",
            "https://example.org/hook",
            "/data/uploads/abc.mp3",
            "talk.mp3",
            123_456L,
            61.5,
            null,
            options);

    TaskRecord created = store.create(task);

    assertThat(created.id()).isPositive();
    assertThat(created.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(created.stage()).isEqualTo("queued");
    assertThat(created.progress()).isZero();
    assertThat(created.taskType()).isEqualTo(TaskType.TRANSLATE);
    assertThat(created.priority()).isEqualTo(TaskPriority.HIGH);
    assertThat(created.engineName()).isEqualTo("whisper.cpp");
    assertThat(created.modelName()).isEqualTo("base");
    assertThat(created.platform()).isEqualTo("tiktok");
    assertThat(created.callbackUrl()).isEqualTo("https://example.org/hook");
    assertThat(created.callbackStatusCode()).isNull();
    assertThat(created.callbackMessage()).isNull();
    assertThat(created.callbackTime()).isNull();
    assertThat(created.createdAt()).isEqualTo(T0);
    assertThat(created.updatedAt()).isEqualTo(T0);
    assertThat(created.startedAt()).isNull();
    assertThat(created.completedAt()).isNull();
    assertThat(created.taskProcessingTime()).isNull();
    assertThat(created.filePath()).isEqualTo("/data/uploads/abc.mp3");
    assertThat(created.fileUrl()).isNull();
    assertThat(created.fileName()).isEqualTo("talk.mp3");
    assertThat(created.fileSizeBytes()).isEqualTo(123_456L);
    assertThat(created.fileDuration()).isEqualTo(61.5);
    assertThat(created.language()).isNull();
    assertThat(created.decodeOptions()).isEqualTo(options);
    assertThat(created.result()).isNull();
    assertThat(created.errorMessage()).isNull();

    assertThat(store.find(created.id())).contains(created);
    assertThat(store.find(created.id() + 1000)).isEmpty();
  }

  /** The workers' order: priority band first, then creation; finished tasks are not ahead. */
  @Test
  void unfinishedAheadCountsWhatTheWorkersTakeFirst() {
    TaskRecord normal1 = store.create(urlTask(TaskPriority.NORMAL, "whisper.cpp"));
    TaskRecord normal2 = store.create(urlTask(TaskPriority.NORMAL, "whisper.cpp"));
    TaskRecord low = store.create(urlTask(TaskPriority.LOW, "whisper.cpp"));
    TaskRecord high = store.create(urlTask(TaskPriority.HIGH, "whisper.cpp"));
    TaskRecord done = store.create(urlTask(TaskPriority.HIGH, "whisper.cpp"));
    store.failed(done.id(), "gone");
    store.stageChanged(normal1.id(), "transcribing", 0.5);

    assertThat(store.unfinishedAhead(high)).isZero();
    assertThat(store.unfinishedAhead(normal1)).isEqualTo(1);
    assertThat(store.unfinishedAhead(normal2)).isEqualTo(2);
    assertThat(store.unfinishedAhead(low)).isEqualTo(3);
  }

  @Test
  void subtitleFormatsRoundTripAndNoneIsNull() {
    NewTask t = urlTask(TaskPriority.NORMAL, "whisper.cpp");
    NewTask withFormats =
        new NewTask(
            t.taskType(),
            t.priority(),
            t.engineName(),
            t.modelName(),
            t.platform(),
            t.callbackUrl(),
            t.filePath(),
            t.fileName(),
            t.fileSizeBytes(),
            t.fileDuration(),
            t.fileUrl(),
            t.decodeOptions(),
            null,
            List.of("srt", "vtt", "json"));

    TaskRecord stored = store.find(store.create(withFormats).id()).orElseThrow();
    TaskRecord without = store.find(store.create(t).id()).orElseThrow();

    assertThat(stored.subtitleFormats()).containsExactly("srt", "vtt", "json");
    assertThat(stored.transcriptionRequest().subtitleFormats())
        .containsExactly("srt", "vtt", "json");
    assertThat(without.subtitleFormats()).isNull();
    assertThat(without.transcriptionRequest().wantsSubtitles()).isFalse();
  }

  @Test
  void createStoresDefaultDecodeOptionsAndUrlTasks() {
    TaskRecord created = store.create(urlTask(TaskPriority.NORMAL, "whisper.cpp"));
    assertThat(created.decodeOptions()).isEqualTo(DecodeOptions.defaults());
    assertThat(created.fileUrl()).isEqualTo("https://media.example.org/a.mp4");
    assertThat(created.filePath()).isNull();
    assertThat(created.fileSizeBytes()).isNull();
    assertThat(created.fileDuration()).isNull();
    String json =
        jdbc.sql("SELECT decode_options FROM tasks WHERE id = ?")
            .param(created.id())
            .query(String.class)
            .single();
    assertThat(json).contains("\"compression_ratio_threshold\"", "\"clip_timestamps\"");
  }

  @Test
  void timestampsArePerRowAndUtcMillis() throws InterruptedException {
    JdbcTaskStore systemClock = new JdbcTaskStore(dataSource(), Clock.systemUTC());
    Instant before = Instant.now();
    List<TaskRecord> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(systemClock.create(urlTask(TaskPriority.NORMAL, "whisper.cpp")));
      Thread.sleep(3);
    }
    assertThat(created).extracting(TaskRecord::createdAt).doesNotHaveDuplicates().isSorted();
    assertThat(created.get(0).createdAt())
        .isBetween(before.minusMillis(1), Instant.now().plusMillis(1));
    assertThat(created.get(2).createdAt()).isAfter(created.get(0).createdAt());
  }

  // --- query --------------------------------------------------------------------------------

  @Test
  void equalTimestampsListInIdOrderAndCreatedAtComesFirst() {
    long a = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    long b = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    long c = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    clock.set(T0.minusSeconds(60));
    long earlier = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    clock.set(T0);
    long d = store.create(urlTask(TaskPriority.NORMAL, "e")).id();

    assertThat(ids(store.query(all(100, 0)))).containsExactly(earlier, a, b, c, d);
    assertThat(ids(store.query(all(2, 1)))).containsExactly(a, b);
  }

  @Test
  void emptyQueryListsEverything() {
    store.create(urlTask(TaskPriority.LOW, "x"));
    long failed = store.create(urlTask(TaskPriority.HIGH, "y")).id();
    store.failed(failed, "boom");
    long done = store.create(urlTask(TaskPriority.NORMAL, "z")).id();
    store.completed(done, transcript("en"));

    TaskPage page = store.query(all(20, 0));
    assertThat(page.totalCount()).isEqualTo(3);
    assertThat(page.tasks()).hasSize(3);
  }

  @Test
  void eachFilterAloneAndCombined() {
    // t1: queued, high, engine a
    long t1 = store.create(urlTask(TaskPriority.HIGH, "a")).id();
    clock.advance(Duration.ofSeconds(10));
    // t2: processing, normal, engine b (given in upper case)
    long t2 = store.create(urlTask(TaskPriority.NORMAL, "B")).id();
    store.stageChanged(t2, "transcribing", 0.5);
    clock.advance(Duration.ofSeconds(10));
    // t3: completed (en), normal, engine a
    long t3 = store.create(urlTask(TaskPriority.NORMAL, "a")).id();
    store.stageChanged(t3, "extracting_audio", 0.15);
    store.completed(t3, transcript("en"));
    clock.advance(Duration.ofSeconds(10));
    // t4: completed (de), low, engine b
    long t4 = store.create(urlTask(TaskPriority.LOW, "b")).id();
    store.completed(t4, transcript("de"));
    clock.advance(Duration.ofSeconds(10));
    // t5: failed, high, engine a
    long t5 = store.create(urlTask(TaskPriority.HIGH, "a")).id();
    store.failed(t5, "no audio");

    Instant created2 = T0.plusSeconds(10);
    Instant created4 = T0.plusSeconds(30);

    assertThat(ids(store.query(q().status(TaskStatus.QUEUED).build()))).containsExactly(t1);
    assertThat(ids(store.query(q().status(TaskStatus.PROCESSING).build()))).containsExactly(t2);
    assertThat(ids(store.query(q().status(TaskStatus.COMPLETED).build()))).containsExactly(t3, t4);
    assertThat(ids(store.query(q().status(TaskStatus.FAILED).build()))).containsExactly(t5);
    assertThat(ids(store.query(q().priority(TaskPriority.HIGH).build()))).containsExactly(t1, t5);
    assertThat(ids(store.query(q().priority(TaskPriority.NORMAL).build()))).containsExactly(t2, t3);
    assertThat(ids(store.query(q().priority(TaskPriority.LOW).build()))).containsExactly(t4);
    // created_after is inclusive, created_before exclusive
    assertThat(ids(store.query(q().createdAfter(created2).build())))
        .containsExactly(t2, t3, t4, t5);
    assertThat(ids(store.query(q().createdBefore(created2).build()))).containsExactly(t1);
    assertThat(ids(store.query(q().createdAfter(created2).createdBefore(created4).build())))
        .containsExactly(t2, t3);
    // a bound between two milliseconds
    assertThat(ids(store.query(q().createdAfter(created2.minusNanos(1)).build())))
        .containsExactly(t2, t3, t4, t5);
    assertThat(ids(store.query(q().createdAfter(created2.plusNanos(1)).build())))
        .containsExactly(t3, t4, t5);
    assertThat(ids(store.query(q().createdBefore(created2.plusNanos(1)).build())))
        .containsExactly(t1, t2);
    assertThat(ids(store.query(q().language("en").build()))).containsExactly(t3);
    assertThat(ids(store.query(q().language("EN").build()))).containsExactly(t3);
    assertThat(ids(store.query(q().language("fr").build()))).isEmpty();
    assertThat(ids(store.query(q().engineName("a").build()))).containsExactly(t1, t3, t5);
    assertThat(ids(store.query(q().engineName("b").build()))).containsExactly(t2, t4);
    assertThat(ids(store.query(q().engineName("B").build())))
        .as("engine names match case-insensitively on every database")
        .containsExactly(t2, t4);
    assertThat(ids(store.query(q().hasResult(true).build()))).containsExactly(t3, t4);
    assertThat(ids(store.query(q().hasResult(false).build()))).containsExactly(t1, t2, t5);
    assertThat(ids(store.query(q().hasError(true).build()))).containsExactly(t5);
    assertThat(ids(store.query(q().hasError(false).build()))).containsExactly(t1, t2, t3, t4);

    // combined, including the seed's defaults (completed, normal, has result, no error)
    assertThat(
            ids(
                store.query(
                    q().status(TaskStatus.COMPLETED)
                        .priority(TaskPriority.NORMAL)
                        .hasResult(true)
                        .hasError(false)
                        .build())))
        .containsExactly(t3);
    assertThat(ids(store.query(q().engineName("a").priority(TaskPriority.HIGH).build())))
        .containsExactly(t1, t5);
    assertThat(ids(store.query(q().engineName("b").createdAfter(created2).hasResult(true).build())))
        .containsExactly(t4);
    assertThat(ids(store.query(q().status(TaskStatus.FAILED).hasError(false).build()))).isEmpty();
    TaskPage none = store.query(q().language("en").engineName("b").build());
    assertThat(none.tasks()).isEmpty();
    assertThat(none.totalCount()).isZero();
  }

  @Test
  void limitOffsetAndTotal() {
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(store.create(urlTask(i % 2 == 0 ? TaskPriority.NORMAL : TaskPriority.LOW, "e")).id());
      clock.advance(Duration.ofMillis(1));
    }
    TaskPage first = store.query(all(3, 0));
    assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 3));
    assertThat(first.totalCount()).isEqualTo(7);
    TaskPage last = store.query(all(3, 6));
    assertThat(ids(last)).containsExactly(all.get(6));
    assertThat(last.totalCount()).isEqualTo(7);
    TaskPage past = store.query(all(3, 50));
    assertThat(past.tasks()).isEmpty();
    assertThat(past.totalCount()).isEqualTo(7);
    TaskPage zero = store.query(all(0, 0));
    assertThat(zero.tasks()).isEmpty();
    assertThat(zero.totalCount()).isEqualTo(7);
    TaskPage normal = store.query(q().priority(TaskPriority.NORMAL).limit(2).offset(1).build());
    assertThat(ids(normal)).containsExactly(all.get(2), all.get(4));
    assertThat(normal.totalCount()).isEqualTo(4);
  }
}
