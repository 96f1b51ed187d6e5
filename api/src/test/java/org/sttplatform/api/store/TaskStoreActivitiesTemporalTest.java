package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.storage.LocalFileStore;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.TaskStoreActivities;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.TranscriptRef;

/**
 * The activities behind a Temporal activity stub: payloads go through Temporal's data converter and
 * failures arrive the way the workflow sees them.
 */
class TaskStoreActivitiesTemporalTest {

  @TempDir Path dir;
  private HikariDataSource dataSource;
  private JdbcTaskStore store;
  private TestActivityEnvironment env;
  private TaskStoreActivities activities;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabases.sqlite(dir);
    TestDatabases.migrate(dataSource);
    store = new JdbcTaskStore(dataSource, Clock.systemUTC());
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new TaskStoreActivitiesImpl(store, new LocalFileStore(dir)));
    activities = env.newActivityStub(TaskStoreActivities.class);
  }

  @AfterEach
  void tearDown() {
    env.close();
    dataSource.close();
  }

  @Test
  void payloadsRoundTripThroughTheDataConverter() {
    long id =
        store.create(AbstractJdbcTaskStoreTest.urlTask(TaskPriority.NORMAL, "whisper.cpp")).id();
    activities.stageChanged(id, "extracting_audio", 0.15);
    activities.mediaProbed(
        id, new MediaRef("/w/a.wav", "a.wav", 5), new MediaInfo(3.5, "wav", "pcm", 16000, 1, 5));
    activities.failed(id, "ffmpeg exited with 1");

    TaskRecord row = store.find(id).orElseThrow();
    assertThat(row.stage()).isEqualTo("failed");
    assertThat(row.startedAt()).isNotNull();
    assertThat(row.fileDuration()).isEqualTo(3.5);
    assertThat(row.errorMessage()).isEqualTo("ffmpeg exited with 1");
  }

  @Test
  void aMissingTranscriptReachesTheWorkflowAsANonRetryableApplicationFailure() {
    long id =
        store.create(AbstractJdbcTaskStoreTest.urlTask(TaskPriority.NORMAL, "whisper.cpp")).id();
    String path = "missing.json";
    assertThatThrownBy(() -> activities.completed(id, new TranscriptRef(path, "en", 1, 0, 0)))
        .isInstanceOfSatisfying(
            ActivityFailure.class,
            failure -> {
              assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
              ApplicationFailure cause = (ApplicationFailure) failure.getCause();
              assertThat(cause.getType()).isEqualTo(Failures.TRANSCRIPT_UNREADABLE);
              assertThat(cause.isNonRetryable()).isTrue();
              assertThat(cause.getOriginalMessage()).contains("missing", path);
            });
  }
}
