package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.MediaRef;

/**
 * A cancelled download stops and deletes its partial file, and a stale attempt's clean-up leaves
 * the file of the live attempt of the same download alone.
 */
class FetchCancellationTest extends FetchTestBase {

  @Test
  void cancellationStopsTheDownloadAndDeletesThePartialFile() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().write(randomBytes(512 * 1024)))
            .throttleBody(16 * 1024, 50, TimeUnit.MILLISECONDS)
            .build());
    env.setActivityHeartbeatListener(
        Long.class,
        bytes -> {
          heartbeats.add(bytes);
          if (bytes > 0) {
            env.requestCancelActivity();
          }
        });
    MediaActivities activities = ActivityTestSupport.stub(env, Duration.ofMillis(250));

    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> activities.fetch(TASK, server.url("/long.mp3").toString()));

    assertThat(thrown).isInstanceOf(io.temporal.failure.CanceledFailure.class);
    assertThat(heartbeats.get(heartbeats.size() - 1)).isLessThan(512L * 1024);
    assertThat(workDir()).isEmptyDirectory();
  }

  /**
   * Two attempts of the same download at once (a stale one the server thinks timed out, and its
   * retry): the stale one stops and deletes its partial file, which must not be the live one's.
   */
  @Test
  void aStaleAttemptDoesNotDeleteTheLiveAttemptsFile() throws Exception {
    byte[] body = randomBytes(256 * 1024);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().write(body))
            .throttleBody(16 * 1024, 300, TimeUnit.MILLISECONDS)
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().write(randomBytes(256 * 1024)))
            .throttleBody(16 * 1024, 50, TimeUnit.MILLISECONDS)
            .build());
    String url = server.url("/a.mp3").toString();

    // The live attempt: ~4.8 s of download, still running when the stale one has stopped.
    java.util.concurrent.CompletableFuture<MediaRef> live =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> activities.fetch(TASK, url));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!hasPartFile() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(hasPartFile()).isTrue();

    // The stale attempt, cancelled (as by its heartbeat) once it has written some bytes.
    TestActivityEnvironment stale = TestActivityEnvironment.newInstance();
    try {
      stale.registerActivitiesImplementations(
          new MediaActivitiesImpl(local().withHeartbeatInterval(Duration.ofMillis(100))));
      stale.setActivityHeartbeatListener(
          Long.class,
          bytes -> {
            if (bytes > 0) {
              stale.requestCancelActivity();
            }
          });
      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> ActivityTestSupport.stub(stale, Duration.ofMillis(250)).fetch(TASK, url));
      assertThat(thrown).isInstanceOf(io.temporal.failure.CanceledFailure.class);
    } finally {
      stale.close();
    }

    assertThat(live).as("the live attempt must overlap the stale one").isNotDone();
    MediaRef ref = live.get(30, TimeUnit.SECONDS);
    assertThat(Files.readAllBytes(new DataLayout(dataDir).files().localFile(ref.key())))
        .isEqualTo(body);
    assertThat(workDir()).isDirectoryNotContaining("glob:**.part");
  }

  private boolean hasPartFile() throws java.io.IOException {
    if (!Files.isDirectory(workDir())) {
      return false;
    }
    try (var files = Files.list(workDir())) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".part"));
    }
  }
}
