package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.Transcript;

/**
 * The {@link JdbcTaskStore} contract, run against each supported database by a subclass. The
 * subclass provides a migrated data source; every test starts from an empty table.
 */
abstract class AbstractJdbcTaskStoreTest {

  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  MutableClock clock;
  JdbcTaskStore store;
  JdbcClient jdbc;

  /** A migrated data source for the database under test. */
  abstract DataSource dataSource();

  /** The {@code {vendor}} the migrations were resolved for. */
  abstract String vendor();

  /** The vendor this database must resolve to. */
  abstract String expectedVendor();

  /** Aborts each test (reported as skipped) when the database is not available. */
  void assumeAvailable() {}

  @BeforeEach
  void emptyTable() {
    assumeAvailable();
    jdbc = JdbcClient.create(dataSource());
    jdbc.sql("DELETE FROM tasks").update();
    clock = new MutableClock(T0);
    store = new JdbcTaskStore(dataSource(), clock);
  }

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

  // --- lifecycle ----------------------------------------------------------------------------

  @Test
  void stageChangedMovesQueuedToProcessingAndStampsStartOnce() {
    long id = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    clock.advance(Duration.ofMillis(1500));
    store.stageChanged(id, "downloading", 0.05);

    TaskRecord downloading = store.find(id).orElseThrow();
    assertThat(downloading.status()).isEqualTo(TaskStatus.PROCESSING);
    assertThat(downloading.stage()).isEqualTo("downloading");
    assertThat(downloading.progress()).isEqualTo(0.05);
    assertThat(downloading.startedAt()).isEqualTo(T0.plusMillis(1500));
    assertThat(downloading.updatedAt()).isEqualTo(T0.plusMillis(1500));
    assertThat(downloading.createdAt()).isEqualTo(T0);

    clock.advance(Duration.ofSeconds(5));
    store.stageChanged(id, "extracting_audio", 0.15);
    TaskRecord extracting = store.find(id).orElseThrow();
    assertThat(extracting.status()).isEqualTo(TaskStatus.PROCESSING);
    assertThat(extracting.stage()).isEqualTo("extracting_audio");
    assertThat(extracting.progress()).isEqualTo(0.15);
    assertThat(extracting.startedAt()).isEqualTo(T0.plusMillis(1500));
    assertThat(extracting.updatedAt()).isEqualTo(T0.plusMillis(6500));
  }

  /** The workflow does not wait for stage writes: a late, earlier stage must not win. */
  @Test
  void stageChangedOnlyMovesForward() {
    long id = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    store.stageChanged(id, "transcribing", 0.25);
    store.stageChanged(id, "extracting_audio", 0.15);
    store.stageChanged(id, "transcribing", 0.25);

    TaskRecord task = store.find(id).orElseThrow();
    assertThat(task.stage()).isEqualTo("transcribing");
    assertThat(task.progress()).isEqualTo(0.25);
  }

  @Test
  void mediaProbedKeepsAKnownNameAndRecordsSizeAndDuration() {
    long upload = store.create(uploadTask("talk.mp3")).id();
    long url = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    clock.advance(Duration.ofSeconds(1));
    MediaInfo info = new MediaInfo(93.25, "mp3", "mp3", 44100, 2, 2_000_000L);

    store.mediaProbed(upload, new MediaRef("/data/uploads/x.mp3", null, -1), info);
    store.mediaProbed(url, new MediaRef("/data/work/1/a.mp4", "a.mp4", 1_999_999L), info);

    TaskRecord u = store.find(upload).orElseThrow();
    assertThat(u.fileName()).isEqualTo("talk.mp3");
    assertThat(u.fileSizeBytes()).isEqualTo(2_000_000L);
    assertThat(u.fileDuration()).isEqualTo(93.25);
    assertThat(u.filePath()).isEqualTo("/data/uploads/abc.mp3");
    assertThat(u.updatedAt()).isEqualTo(T0.plusSeconds(1));
    TaskRecord d = store.find(url).orElseThrow();
    assertThat(d.fileName()).isEqualTo("a.mp4");
    assertThat(d.fileSizeBytes()).isEqualTo(2_000_000L);
    assertThat(d.fileDuration()).isEqualTo(93.25);
    assertThat(d.filePath()).isNull();
  }

  @Test
  void completedStoresTheTranscriptAndProcessingTime() {
    long id = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    clock.advance(Duration.ofSeconds(2));
    store.stageChanged(id, "downloading", 0.05);
    clock.advance(Duration.ofMillis(12_345));
    Transcript transcript = transcript("fr");

    store.completed(id, transcript);

    TaskRecord done = store.find(id).orElseThrow();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.stage()).isEqualTo("completed");
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.language()).isEqualTo("fr");
    assertThat(done.result()).isEqualTo(transcript);
    assertThat(done.completedAt()).isEqualTo(T0.plusMillis(14_345));
    assertThat(done.updatedAt()).isEqualTo(T0.plusMillis(14_345));
    assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(done.taskProcessingTime())
        .isCloseTo(12.345, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(done.errorMessage()).isNull();

    String json =
        jdbc.sql("SELECT result FROM tasks WHERE id = ?").param(id).query(String.class).single();
    assertThat(json)
        .contains(
            "\"language_probability\"",
            "\"engine_seconds\"",
            "\"avg_logprob\"",
            "\"no_speech_prob\"");

    // a retried completion does not re-stamp the task
    clock.advance(Duration.ofSeconds(30));
    store.completed(id, transcript);
    assertThat(store.find(id)).contains(done);
  }

  @Test
  void aTaskThatNamedNoModelRecordsTheModelThatRanWhenCompleted() {
    long id = store.create(withModel(urlTask(TaskPriority.NORMAL, "e"), null)).id();
    assertThat(store.find(id).orElseThrow().modelName()).isNull();

    store.completed(id, transcript("en")); // ran with "base", the worker's default

    assertThat(store.find(id).orElseThrow().modelName()).isEqualTo("base");
  }

  private static NewTask withModel(NewTask t, String model) {
    return new NewTask(
        t.taskType(),
        t.priority(),
        t.engineName(),
        model,
        t.platform(),
        t.callbackUrl(),
        t.filePath(),
        t.fileName(),
        t.fileSizeBytes(),
        t.fileDuration(),
        t.fileUrl(),
        t.decodeOptions());
  }

  @Test
  void failedStoresTheMessage() {
    long id = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    store.stageChanged(id, "downloading", 0.05);
    clock.advance(Duration.ofSeconds(3));

    store.failed(id, "The media URL answered 404");

    TaskRecord failed = store.find(id).orElseThrow();
    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(failed.stage()).isEqualTo("failed");
    assertThat(failed.errorMessage()).isEqualTo("The media URL answered 404");
    assertThat(failed.completedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(failed.updatedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(failed.progress()).isEqualTo(0.05);
    assertThat(failed.result()).isNull();

    long queued = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    store.failed(queued, "x".repeat(20_000));
    assertThat(store.find(queued).orElseThrow().errorMessage())
        .hasSize(JdbcTaskStore.MAX_ERROR_MESSAGE);
  }

  @Test
  void aFinishedTaskIsFinal() {
    long done = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    store.completed(done, transcript("en"));
    TaskRecord completed = store.find(done).orElseThrow();
    clock.advance(Duration.ofSeconds(1));
    store.stageChanged(done, "transcribing", 0.5);
    store.failed(done, "late failure");
    assertThat(store.find(done)).contains(completed);

    long failed = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    store.failed(failed, "first");
    TaskRecord failedRow = store.find(failed).orElseThrow();
    clock.advance(Duration.ofSeconds(1));
    store.stageChanged(failed, "transcribing", 0.5);
    store.failed(failed, "second");
    assertThat(store.find(failed)).contains(failedRow);
  }

  @Test
  void callbackAttemptsRecordTheOutcomeAndTheState() {
    long id = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    store.completed(id, transcript("en"));
    assertThat(store.find(id).orElseThrow().callbackState()).isNull();
    store.callbackPending(id);
    assertThat(store.find(id).orElseThrow().callbackState()).isEqualTo(CallbackState.PENDING);

    clock.advance(Duration.ofSeconds(2));
    store.callbackAttempt(id, 1, 503, "busy".repeat(400), false);
    TaskRecord row = store.find(id).orElseThrow();
    assertThat(row.callbackStatusCode()).isEqualTo(503);
    assertThat(row.callbackMessage()).hasSize(JdbcTaskStore.MAX_CALLBACK_MESSAGE);
    assertThat(row.callbackTime()).isEqualTo(T0.plusSeconds(2));
    assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(row.callbackAttempts()).isEqualTo(1);
    assertThat(row.callbackState()).isEqualTo(CallbackState.PENDING);
    assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);

    store.callbackAttempt(id, 2, null, "Connection refused", false);
    assertThat(store.find(id).orElseThrow().callbackStatusCode()).isNull();
    store.callbackAttempt(id, 3, 204, "", true);
    row = store.find(id).orElseThrow();
    assertThat(row.callbackAttempts()).isEqualTo(3);
    assertThat(row.callbackState()).isEqualTo(CallbackState.DELIVERED);
    store.callbackDead(id, "late");
    assertThat(store.find(id).orElseThrow().callbackState()).isEqualTo(CallbackState.DELIVERED);
  }

  @Test
  void aDeadCallbackIgnoresLateAttemptsUntilItIsPendingAgain() {
    long id = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    store.failed(id, "bad media");
    store.callbackDead(id, "The callback URL points to a private address");
    TaskRecord dead = store.find(id).orElseThrow();
    assertThat(dead.callbackState()).isEqualTo(CallbackState.DEAD);
    assertThat(dead.callbackMessage()).contains("private address");

    store.callbackAttempt(id, 9, 200, "ok", true);
    assertThat(store.find(id).orElseThrow().callbackState()).isEqualTo(CallbackState.DEAD);

    store.callbackPending(id);
    store.callbackAttempt(id, 1, 200, "ok", true);
    TaskRecord redelivered = store.find(id).orElseThrow();
    assertThat(redelivered.callbackState()).isEqualTo(CallbackState.DELIVERED);
    assertThat(redelivered.callbackAttempts()).isEqualTo(1);
  }

  @Test
  void writesAfterDeleteAreNoOps() {
    long id = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    assertThat(store.delete(id)).isTrue();

    store.stageChanged(id, "transcribing", 0.5);
    store.mediaProbed(id, new MediaRef("/x", "x", 1), new MediaInfo(1, "f", "c", 16000, 1, 1));
    store.completed(id, transcript("en"));
    store.failed(id, "gone");
    store.callbackAttempt(id, 1, 200, "ok", true);
    store.callbackDead(id, "gone");

    assertThat(store.find(id)).isEmpty();
    assertThat(store.query(all(10, 0)).totalCount()).isZero();
    assertThat(store.delete(id)).isFalse();
  }

  @Test
  void deleteOfAnUnknownTaskReturnsFalse() {
    assertThat(store.delete(987_654_321L)).isFalse();
  }

  @Test
  void idsAreNotReusedAfterDelete() {
    long first = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    store.delete(first);
    long second = store.create(urlTask(TaskPriority.NORMAL, "e")).id();
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void concurrentWritersDoNotFail() throws Exception {
    JdbcTaskStore systemClock = new JdbcTaskStore(dataSource(), Clock.systemUTC());
    int threads = 8;
    int updates = 50;
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      ids.add(systemClock.create(urlTask(TaskPriority.NORMAL, "e")).id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long own = ids.get(t);
      long shared = ids.get(0);
      jobs.add(
          () -> {
            start.await();
            for (int i = 1; i <= updates; i++) {
              systemClock.stageChanged(own, "transcribing", i / (double) updates);
              if (i % 10 == 0) {
                systemClock.stageChanged(shared, "transcribing", 0.5);
                systemClock.create(urlTask(TaskPriority.LOW, "e"));
                systemClock.query(all(5, 0));
              }
            }
            systemClock.completed(own, transcript("en"));
            return null;
          });
    }
    List<Future<Void>> futures = new ArrayList<>();
    for (Callable<Void> job : jobs) {
      futures.add(pool.submit(job));
    }
    start.countDown();
    try {
      for (Future<Void> future : futures) {
        future.get(60, TimeUnit.SECONDS); // rethrows any "database is locked"
      }
    } finally {
      pool.shutdownNow();
    }
    for (long id : ids) {
      TaskRecord row = store.find(id).orElseThrow();
      assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(row.progress()).isEqualTo(1.0);
    }
    assertThat(store.query(all(1, 0)).totalCount()).isEqualTo(threads + threads * updates / 10);
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
