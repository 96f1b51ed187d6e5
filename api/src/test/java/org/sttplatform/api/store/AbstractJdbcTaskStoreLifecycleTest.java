package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.Transcript;

/**
 * The {@link JdbcTaskStore} contract for a task's life after it was created: stage changes, the
 * probed media, completion and failure, callback attempts, delete, and concurrent writers.
 */
abstract class AbstractJdbcTaskStoreLifecycleTest extends AbstractJdbcTaskStoreTest {

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
}
