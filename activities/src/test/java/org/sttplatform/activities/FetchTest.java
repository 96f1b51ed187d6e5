package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.MediaRef;

class FetchTest {

  private static final long TASK = 7;

  @TempDir Path dataDir;

  private MockWebServer server;
  private TestActivityEnvironment env;
  private MediaActivities activities;
  private final List<Long> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    start(local().withHeartbeatInterval(Duration.ofMillis(100)));
  }

  /** Settings that let the fetcher reach the MockWebServer on 127.0.0.1. */
  private CpuWorkerSettings local() {
    return CpuWorkerSettings.defaults(dataDir).withAllowPrivateNetworks(true);
  }

  private void start(CpuWorkerSettings settings) {
    if (env != null) {
      env.close();
    }
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new MediaActivitiesImpl(settings));
    env.setActivityHeartbeatListener(Long.class, heartbeats::add);
    activities = ActivityTestSupport.stub(env);
  }

  @AfterEach
  void tearDown() {
    env.close();
    server.close();
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private Path workDir() {
    return dataDir.resolve("work").resolve(Long.toString(TASK));
  }

  @Test
  void downloadsBodyWithExtensionFromContentType() throws Exception {
    byte[] body = randomBytes(300_000);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "audio/mpeg")
            .body(new Buffer().write(body))
            .build());

    MediaRef ref = activities.fetch(TASK, server.url("/media/123?sig=secret").toString());

    assertThat(new DataLayout(dataDir).files().localFile(ref.key()))
        .isEqualTo(workDir().resolve("source.mp3"));
    assertThat(Files.readAllBytes(new DataLayout(dataDir).files().localFile(ref.key())))
        .isEqualTo(body);
    assertThat(ref.fileName()).isEqualTo("123");
    assertThat(ref.sizeBytes()).isEqualTo(body.length);
    assertThat(workDir()).isDirectoryNotContaining("glob:**.part");
    // The SDK throttles heartbeats (0.8 × heartbeat timeout): only the first one goes out here.
    assertThat(heartbeats).first().isEqualTo(0L);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("User-Agent"))
        .isEqualTo(CpuWorkerSettings.DEFAULT_USER_AGENT);
    assertThat(request.getUrl().queryParameter("sig")).isEqualTo("secret");
  }

  @Test
  void followsRedirectsAndNamesTheFileAfterTheFinalUrl() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", "/files/talk.wav").build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/octet-stream")
            .body("RIFF....WAVE")
            .build());

    MediaRef ref = activities.fetch(TASK, server.url("/short/abc").toString());

    assertThat(ref.fileName()).isEqualTo("talk.wav");
    assertThat(new DataLayout(dataDir).files().localFile(ref.key()))
        .isEqualTo(workDir().resolve("source.wav"));
    assertThat(Files.readString(new DataLayout(dataDir).files().localFile(ref.key())))
        .isEqualTo("RIFF....WAVE");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void namesTheFileAfterContentDisposition() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "video/mp4")
            .addHeader(
                "Content-Disposition",
                "attachment; filename=\"fallback.mp4\"; filename*=UTF-8''Entretien%20%C3%A9t%C3%A9.mp4")
            .body("not really mp4")
            .build());

    MediaRef ref = activities.fetch(TASK, server.url("/download?id=5").toString());

    assertThat(ref.fileName()).isEqualTo("Entretien été.mp4");
    assertThat(new DataLayout(dataDir).files().localFile(ref.key()).getFileName().toString())
        .isEqualTo("source.mp4");
  }

  @Test
  void notFoundIsPermanentBadUrlWithoutQueryString() {
    server.enqueue(new MockResponse.Builder().code(404).body("nope").build());

    ApplicationFailure failure =
        failureOf(
            () ->
                activities.fetch(
                    TASK, server.url("/private/clip.mp4?X-Amz-Signature=topsecret").toString()));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_URL);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("HTTP 404")
        .contains("/private/clip.mp4")
        .doesNotContain("topsecret")
        .doesNotContain("?");
  }

  @Test
  void serverErrorIsRetryable() {
    server.enqueue(new MockResponse.Builder().code(503).build());

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/a.mp3?k=v").toString()));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(Failures.FETCH_FAILED);
    assertThat(failure.getOriginalMessage()).contains("HTTP 503").doesNotContain("k=v");
  }

  @Test
  void tooManyRequestsIsRetryable() {
    server.enqueue(new MockResponse.Builder().code(429).build());

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/a.mp3").toString()));

    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void connectionErrorIsRetryable() throws Exception {
    String url = server.url("/a.mp3").toString();
    server.close();

    ApplicationFailure failure = failureOf(() -> activities.fetch(TASK, url));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(Failures.FETCH_FAILED);
  }

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

  @Test
  void rejectsNonHttpSchemesAndMalformedUrls() {
    for (String url :
        List.of(
            "ftp://example.com/a.mp3",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "not a url",
            "",
            "http://")) {
      ApplicationFailure failure = failureOf(() -> activities.fetch(TASK, url));
      assertThat(failure.getType()).as(url).isEqualTo(Failures.BAD_URL);
      assertThat(failure.isNonRetryable()).as(url).isTrue();
    }
    assertThat(server.getRequestCount()).isZero();
  }

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

  @Test
  void aRedirectLoopIsAPermanentBadUrl() {
    for (int i = 0; i < 25; i++) {
      server.enqueue(
          new MockResponse.Builder().code(302).addHeader("Location", "/loop?sig=secret").build());
    }

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/loop?sig=secret").toString()));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_URL);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("Too many follow-up requests")
        .doesNotContain("secret");
  }

  @Test
  void certificateAndCleartextRefusalsArePermanent() {
    assertThat(HttpFetcher.permanent(new javax.net.ssl.SSLPeerUnverifiedException("host")))
        .isTrue();
    assertThat(
            HttpFetcher.permanent(
                new java.net.UnknownServiceException("CLEARTEXT communication not permitted")))
        .isTrue();
    assertThat(HttpFetcher.permanent(new java.net.SocketTimeoutException("timeout"))).isFalse();
    assertThat(HttpFetcher.permanent(new java.net.ProtocolException("unexpected end of stream")))
        .isFalse();
  }
}
