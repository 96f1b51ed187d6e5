package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.failure.ApplicationFailure;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;

/**
 * A body over the size limit (by its Content-Length, or while a chunked body streams) or empty
 * fails the download at once, and leaves no file behind.
 */
class FetchBodyLimitsTest extends FetchTestBase {

  @Test
  void tooLargeByContentLength() {
    start(local().withMaxDownloadBytes(1000));
    server.enqueue(
        new MockResponse.Builder().code(200).body(new Buffer().write(randomBytes(5000))).build());

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/big.mp4").toString()));

    assertThat(failure.getType()).isEqualTo(Failures.MEDIA_TOO_LARGE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("1000 bytes").contains("Content-Length");
    assertThat(workDir()).isEmptyDirectory();
  }

  @Test
  void tooLargeWhileStreamingChunkedBody() throws Exception {
    start(local().withMaxDownloadBytes(100_000));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .chunkedBody(new Buffer().write(randomBytes(400_000)), 8192)
            .build());

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/big.mp4").toString()));

    assertThat(failure.getType()).isEqualTo(Failures.MEDIA_TOO_LARGE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("97.7 KiB (100000 bytes)");
    assertThat(workDir()).isEmptyDirectory();
  }

  @Test
  void emptyBodyIsBadMedia() {
    server.enqueue(new MockResponse.Builder().code(200).body("").build());

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/empty.mp3").toString()));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(workDir()).isEmptyDirectory();
  }
}
