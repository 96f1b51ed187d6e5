package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.MediaRef;

/**
 * The download's heartbeats: growing byte counts during a slow body, and heartbeats while the
 * server has not yet sent its headers.
 */
class FetchHeartbeatTest extends FetchTestBase {

  @Test
  void heartbeatsGrowingByteCountsDuringASlowDownload() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().write(randomBytes(256 * 1024)))
            .throttleBody(16 * 1024, 50, TimeUnit.MILLISECONDS)
            .build());
    // 256 KiB at 16 KiB per 50 ms: ~0.8 s; heartbeats go out every 0.8 × 250 ms.
    MediaActivities activities = ActivityTestSupport.stub(env, Duration.ofMillis(250));

    MediaRef ref = activities.fetch(TASK, server.url("/slow.mp3").toString());

    assertThat(ref.sizeBytes()).isEqualTo(256 * 1024);
    assertThat(heartbeats.size()).isGreaterThanOrEqualTo(3);
    assertThat(heartbeats).isSorted().startsWith(0L);
    assertThat(heartbeats.get(1)).isBetween(1L, 256L * 1024);
  }

  /**
   * A server that sends its headers after 2.5 s, longer than the 1 s heartbeat timeout: heartbeats
   * keep going out while the call waits, so Temporal does not start a second attempt.
   */
  @Test
  void keepsHeartbeatingWhileWaitingForTheHeaders() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .headersDelay(2500, TimeUnit.MILLISECONDS)
            .addHeader("Content-Type", "audio/mpeg")
            .body("ID3 not really audio")
            .build());
    List<Long> beatTimes = new CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(Long.class, bytes -> beatTimes.add(System.nanoTime()));
    MediaActivities activities = ActivityTestSupport.stub(env, Duration.ofSeconds(1));

    MediaRef ref = activities.fetch(TASK, server.url("/slow-headers.mp3").toString());

    assertThat(ref.sizeBytes()).isEqualTo("ID3 not really audio".length());
    // The SDK sends at most one heartbeat per 0.8 s here. Counted from the first one (sent before
    // the request), the headers come after 2.5 s: beats at 0 s, ~0.8 and ~1.6 precede them.
    long first = beatTimes.get(0);
    long beforeHeaders =
        beatTimes.stream().filter(t -> t - first < TimeUnit.MILLISECONDS.toNanos(2300)).count();
    assertThat(beforeHeaders).isGreaterThanOrEqualTo(3);
  }
}
