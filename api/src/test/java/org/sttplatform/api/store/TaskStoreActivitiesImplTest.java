package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.api.store.AbstractJdbcTaskStoreTest.MutableClock;
import org.sttplatform.storage.LocalFileStore;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;

/** The task-store activities over a SQLite store. */
class TaskStoreActivitiesImplTest {

  @TempDir Path dir;
  private HikariDataSource dataSource;
  private MutableClock clock;
  private JdbcTaskStore store;
  private TaskStoreActivitiesImpl activities;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabases.sqlite(dir.resolve("db"));
    TestDatabases.migrate(dataSource);
    clock = new MutableClock(AbstractJdbcTaskStoreTest.T0);
    store = new JdbcTaskStore(dataSource, clock);
    activities = new TaskStoreActivitiesImpl(store, new LocalFileStore(dir));
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void mirrorsTheWorkflowIntoTheRow() throws Exception {
    long id = newTask();
    activities.stageChanged(id, "downloading", 0.05);
    activities.mediaProbed(
        id,
        new MediaRef("/data/work/1/a.mp4", "a.mp4", 10),
        new MediaInfo(4.2, "mp4", "aac", 48000, 2, 10));
    clock.advance(Duration.ofSeconds(4));
    Transcript transcript = AbstractJdbcTaskStoreTest.transcript("en");
    Path file = dir.resolve("transcript.json");
    // Written the way the transcription worker writes it: Jackson 2, snake_case names.
    new ObjectMapper().writeValue(file.toFile(), transcript);
    assertThat(Files.readString(file)).contains("\"language_probability\"");

    activities.completed(
        id, new TranscriptRef(dir.relativize(file).toString(), "en", 0.97, 2, 1.25));

    TaskRecord row = store.find(id).orElseThrow();
    assertThat(row.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(row.result()).isEqualTo(transcript);
    assertThat(row.language()).isEqualTo("en");
    assertThat(row.fileName()).isEqualTo("a.mp4");
    assertThat(row.fileDuration()).isEqualTo(4.2);
    assertThat(row.taskProcessingTime()).isEqualTo(4.0);
  }

  @Test
  void failedRecordsTheMessage() {
    long id = newTask();
    activities.failed(id, "The media has no audio stream");
    TaskRecord row = store.find(id).orElseThrow();
    assertThat(row.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(row.errorMessage()).isEqualTo("The media has no audio stream");
  }

  @Test
  void aMissingTranscriptFileIsANonRetryableFailure() {
    long id = newTask();
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(
            () ->
                activities.completed(
                    id, new TranscriptRef(dir.relativize(missing).toString(), "en", 1, 0, 0)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(Failures.TRANSCRIPT_UNREADABLE);
              assertThat(failure.getOriginalMessage()).contains("missing", missing.toString());
            });
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void aMalformedTranscriptFileIsANonRetryableFailure() throws Exception {
    long id = newTask();
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"text\": \"cut off");
    assertThatThrownBy(
            () ->
                activities.completed(
                    id, new TranscriptRef(dir.relativize(broken).toString(), "en", 1, 0, 0)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(Failures.TRANSCRIPT_UNREADABLE);
              assertThat(failure.getOriginalMessage()).contains("cannot be read");
            });
  }

  @Test
  void writesForADeletedTaskAreIgnored() throws Exception {
    long id = newTask();
    store.delete(id);
    Path file = dir.resolve("t.json");
    new ObjectMapper().writeValue(file.toFile(), AbstractJdbcTaskStoreTest.transcript("en"));
    activities.stageChanged(id, "transcribing", 0.3);
    activities.completed(id, new TranscriptRef(dir.relativize(file).toString(), "en", 1, 2, 1));
    activities.failed(id, "x");
    assertThat(store.find(id)).isEmpty();
  }

  private long newTask() {
    return store.create(AbstractJdbcTaskStoreTest.urlTask(TaskPriority.NORMAL, "whisper.cpp")).id();
  }
}
