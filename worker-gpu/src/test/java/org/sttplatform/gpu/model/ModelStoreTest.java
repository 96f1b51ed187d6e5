package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ModelStoreTest {

  @TempDir Path dir;

  private MockWebServer mirror;
  private Path models;

  @BeforeEach
  void setUp() throws IOException {
    mirror = new MockWebServer();
    mirror.start();
    models = dir.resolve("models");
  }

  @AfterEach
  void tearDown() {
    mirror.close();
  }

  private String mirrorUrl() {
    return mirror.url("/whisper").toString();
  }

  /** Callers wait in 50 ms slices (not 1 s), so listeners hear about short test downloads. */
  static final Duration SLICE = Duration.ofMillis(50);

  private ModelStore store(boolean download, Map<String, String> checksums) {
    return new ModelStore(
        new ModelStoreConfig(models, "base", null, download, mirrorUrl(), checksums),
        ModelStore.defaultClient(),
        SLICE);
  }

  /**
   * A store whose downloads wait at {@code gate} after counting down {@code requested}, before the
   * request reaches the mirror: the test decides when a download may proceed.
   */
  private ModelStore gatedStore(
      Map<String, String> checksums, CountDownLatch requested, CountDownLatch gate) {
    return new ModelStore(
        new ModelStoreConfig(models, "base", null, true, mirrorUrl(), checksums),
        gatedClient(requested, gate),
        SLICE);
  }

  public static okhttp3.OkHttpClient gatedClient(CountDownLatch requested, CountDownLatch gate) {
    return ModelStore.defaultClient()
        .newBuilder()
        .addInterceptor(
            chain -> {
              requested.countDown();
              try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                  throw new IOException("the test never opened the gate");
                }
              } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException("interrupted at the gate");
              }
              return chain.proceed(chain.request());
            })
        .build();
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  /** {@code size} bytes that start with a valid ggml whisper header (tiny's hyper-parameters). */
  public static byte[] modelBytes(int size) {
    byte[] bytes = randomBytes(size);
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0x67676d6c);
    for (int value : new int[] {51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1}) {
      header.putInt(value);
    }
    return bytes;
  }

  public static String sha1(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
  }

  private static MockResponse file(byte[] bytes) {
    return new MockResponse.Builder().body(new Buffer().write(bytes)).build();
  }

  private List<Path> filesIn(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }

  @Test
  void downloadsWithProgressVerifiesChecksumAndMovesIntoPlace() throws Exception {
    byte[] content = modelBytes(512 * 1024);
    mirror.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(content))
            .throttleBody(128 * 1024, 150, TimeUnit.MILLISECONDS)
            .build());
    ModelStore store = store(true, Map.of("custom", sha1(content)));
    List<long[]> progress = new CopyOnWriteArrayList<>();

    Path path =
        store.resolve("custom", (model, read, total) -> progress.add(new long[] {read, total}));

    assertThat(path).isEqualTo(models.resolve("ggml-custom.bin"));
    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(filesIn(models)).containsExactly(path);
    assertThat(mirror.takeRequest().getUrl().encodedPath()).isEqualTo("/whisper/ggml-custom.bin");
    assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
    assertThat(progress.get(progress.size() - 1)).containsExactly(content.length, content.length);
    assertThat(progress).extracting(p -> p[0]).isSorted();
    assertThat(store.status("custom").state()).isEqualTo(ModelStatus.State.PRESENT);

    // Present now: no second request.
    assertThat(store.resolve("custom", null)).isEqualTo(path);
    assertThat(mirror.getRequestCount()).isEqualTo(1);
  }

  @Test
  void checksumMismatchFailsAndLeavesNothingBehind() throws Exception {
    mirror.enqueue(file(randomBytes(10_000)));
    ModelStore store = store(true, Map.of());

    assertThatThrownBy(() -> store.resolve("tiny", null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining("bd577a113a864445d4c299885e0cb97d4ba92b5f")
        .hasMessageContaining("put ggml-tiny.bin in " + models.toAbsolutePath());
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void unknownModelWithoutChecksumIsDownloadedUnverified() throws Exception {
    byte[] content = modelBytes(100_000);
    mirror.enqueue(file(content));

    Path path = store(true, Map.of()).resolve("my-finetune", null);

    assertThat(Files.readAllBytes(path)).isEqualTo(content);
  }

  @Test
  void aDownloadThatIsNotAModelIsNotMovedIntoPlace() throws Exception {
    StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body>");
    while (page.length() < 100_000) {
      page.append("<p>Sorry, we are down for maintenance.</p>");
    }
    mirror.enqueue(
        new MockResponse.Builder().body(page.append("</body></html>").toString()).build());
    mirror.enqueue(file(modelBytes(1000))); // a good header, but far too small for a model
    ModelStore store = store(true, Map.of());

    assertThatThrownBy(() -> store.resolve("my-finetune", null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessageContaining(
            "download failed: "
                + mirrorUrl()
                + "/ggml-my-finetune.bin did not send a whisper.cpp"
                + " model")
        .hasMessageContaining("bad magic");
    assertThat(filesIn(models)).isEmpty();

    assertThatThrownBy(() -> store.resolve("my-finetune", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("did not send a whisper.cpp model (only 1000 bytes)");
    assertThat(filesIn(models)).isEmpty();
    assertThat(store.status("my-finetune").state()).isEqualTo(ModelStatus.State.DOWNLOADABLE);
  }

  @Test
  void notFoundNamesTheFileTheDirectoryAndTheUrl() throws Exception {
    mirror.enqueue(new MockResponse.Builder().code(404).build());
    ModelStore store = store(true, Map.of());

    assertThatThrownBy(() -> store.resolve("base", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessage(
            "Model 'base' is not available: put ggml-base.bin in "
                + models.toAbsolutePath()
                + " (STT_MODELS_DIR) (get it from "
                + mirrorUrl()
                + "/ggml-base.bin) or set STT_MODEL_PATH; download failed: HTTP 404 from "
                + mirrorUrl()
                + "/ggml-base.bin");
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void serverErrorsThrottlingAndTimeoutsAreTransientNotFoundIsNot() throws Exception {
    ModelStore store = store(true, Map.of());
    // (OkHttp itself retries a 408 once, so it is checked without the server below)
    assertThat(ModelDownload.isTransientStatus(408)).isTrue();
    for (int code : new int[] {500, 502, 503, 504, 429}) {
      mirror.enqueue(new MockResponse.Builder().code(code).build());
      assertThatThrownBy(() -> store.resolve("base", null))
          .isInstanceOfSatisfying(
              ModelUnavailableException.class, e -> assertThat(e.isTransient()).isTrue())
          .hasMessageContaining("HTTP " + code);
    }
    for (int code : new int[] {400, 401, 403, 404, 410}) {
      mirror.enqueue(new MockResponse.Builder().code(code).build());
      assertThatThrownBy(() -> store.resolve("base", null))
          .isInstanceOfSatisfying(
              ModelUnavailableException.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageContaining("HTTP " + code);
    }
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void aStalledOrCutDownloadIsTransient() throws Exception {
    byte[] content = randomBytes(64 * 1024);
    mirror.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(content))
            .throttleBody(1024, 1, TimeUnit.SECONDS)
            .build());
    ModelStore stalled =
        new ModelStore(
            new ModelStoreConfig(models, "base", null, true, mirrorUrl(), Map.of()),
            ModelStore.defaultClient().newBuilder().readTimeout(Duration.ofMillis(200)).build());

    assertThatThrownBy(() -> stalled.resolve("base", null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isTrue())
        // okhttp's own timeout says "timeout", the socket's "Read timed out": the type is the same.
        .hasCauseInstanceOf(java.net.SocketTimeoutException.class);

    mirror.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(content))
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());
    assertThatThrownBy(() -> store(true, Map.of()).resolve("base", null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isTrue());
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void mirrorLoginIsSentAsBasicAuthAndNeverShown() throws Exception {
    mirror.enqueue(new MockResponse.Builder().code(404).build());
    String withLogin = mirrorUrl().replace("http://", "http://reader:s3cret@");
    ModelStore store =
        new ModelStore(new ModelStoreConfig(models, "base", null, true, withLogin, Map.of()));

    assertThat(store.status("base").message()).doesNotContain("s3cret").contains("***@");
    assertThatThrownBy(() -> store.resolve("base", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("HTTP 404")
        .message()
        .doesNotContain("s3cret")
        .doesNotContain("reader");
    RecordedRequest request = mirror.takeRequest();
    assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("reader", "s3cret"));
    assertThat(request.getUrl().encodedPath()).isEqualTo("/whisper/ggml-base.bin");
  }

  @Test
  void shownUrlsMaskLoginsAndQueries() {
    assertThat(ModelStore.shown("https://u:p@mirror.example/m?token=abc"))
        .isEqualTo("https://***@mirror.example/m?***");
    assertThat(ModelStore.shown("https://mirror.example/m")).isEqualTo("https://mirror.example/m");
    assertThat(ModelStore.shown("not a url//u:p@x?y")).doesNotContain("u:p", "?y");
  }

  @Test
  void connectionRefusedNamesTheCause() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/m";
    ModelStore store =
        new ModelStore(new ModelStoreConfig(models, "base", null, true, url, Map.of()));

    assertThatThrownBy(() -> store.resolve("small", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageStartingWith(
            "Model 'small' is not available: put ggml-small.bin in "
                + models.toAbsolutePath()
                + " (STT_MODELS_DIR) (get it from "
                + url
                + "/ggml-small.bin); download failed: ConnectException");
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void disabledDownloadFailsWithoutNetworkAndStatusSaysSo() throws Exception {
    ModelStore store = store(false, Map.of());

    assertThatThrownBy(() -> store.resolve(null, null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessageContaining("put ggml-base.bin in " + models.toAbsolutePath())
        .hasMessageContaining("(get it from " + mirrorUrl() + "/ggml-base.bin)")
        .hasMessageContaining("downloads are disabled");
    ModelStatus status = store.status(null);
    assertThat(status.state()).isEqualTo(ModelStatus.State.MISSING);
    assertThat(status.usable()).isFalse();
    assertThat(status.path()).isEqualTo(models.resolve("ggml-base.bin"));
    assertThat(status.message()).contains("ggml-base.bin", models.toString(), mirrorUrl());
    assertThat(mirror.getRequestCount()).isZero();
  }

  @Test
  void statusOfADownloadableModelMakesNoRequest() {
    ModelStatus status = store(true, Map.of()).status("large-v3-turbo");

    assertThat(status.state()).isEqualTo(ModelStatus.State.DOWNLOADABLE);
    assertThat(status.usable()).isTrue();
    assertThat(status.url()).isEqualTo(mirrorUrl() + "/ggml-large-v3-turbo.bin");
    assertThat(mirror.getRequestCount()).isZero();
  }

  @Test
  void defaultMirrorIsHuggingFace() {
    ModelStore store =
        new ModelStore(new ModelStoreConfig(models, "base", null, true, null, Map.of()));

    assertThat(store.downloadUrl("base.en"))
        .isEqualTo("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin");
    assertThat(store.expectedSha1("large-v3-turbo-q5_0"))
        .contains("e050f7970618a659205450ad97eb95a18d69c9ee");
  }

  @Test
  void concurrentFirstUseDownloadsOnce() throws Exception {
    byte[] content = modelBytes(256 * 1024);
    String sha1 = sha1(content);
    AtomicInteger requests = new AtomicInteger();
    mirror.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            return new MockResponse.Builder()
                .body(new Buffer().write(content))
                .throttleBody(64 * 1024, 50, TimeUnit.MILLISECONDS)
                .build();
          }
        });
    ModelStore store = store(true, Map.of("shared", sha1));
    int callers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Path>> results = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return store.resolve("shared", null);
              }));
    }
    start.countDown();
    for (Future<Path> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(models.resolve("ggml-shared.bin"));
    }
    pool.shutdown();

    assertThat(requests).hasValue(1);
    assertThat(filesIn(models)).containsExactly(models.resolve("ggml-shared.bin"));
  }

  @Test
  void aListenerThatThrowsEndsOnlyItsCallersWaitAndTheDownloadGoesOn() throws Exception {
    byte[] content = modelBytes(512 * 1024);
    mirror.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(content))
            .throttleBody(128 * 1024, 50, TimeUnit.MILLISECONDS)
            .build());
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    ModelStore store = gatedStore(Map.of("custom", sha1(content)), requested, gate);
    Path target = models.resolve("ggml-custom.bin");
    RuntimeException cancelled = new IllegalStateException("activity cancelled");
    AtomicInteger firstCalls = new AtomicInteger();
    List<long[]> secondProgress = new CopyOnWriteArrayList<>();
    CountDownLatch secondHeard = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      Future<Path> first =
          callers.submit(
              () ->
                  store.resolve(
                      "custom",
                      (model, read, total) -> {
                        firstCalls.incrementAndGet();
                        throw cancelled;
                      }));
      assertThat(requested.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Path> second =
          callers.submit(
              () ->
                  store.resolve(
                      "custom",
                      (model, read, total) -> {
                        secondProgress.add(new long[] {read, total});
                        secondHeard.countDown();
                      }));

      // The first caller stops at its first progress call, while the download is held at the gate.
      assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCause(cancelled);
      assertThat(firstCalls).hasValue(1);
      assertThat(secondHeard.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(second).isNotDone();
      assertThat(store.status("custom").state()).isEqualTo(ModelStatus.State.DOWNLOADING);
      assertThat(target).doesNotExist();

      gate.countDown();
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(target);
    } finally {
      gate.countDown();
      callers.shutdownNow();
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(firstCalls).hasValue(1);
    assertThat(secondProgress).extracting(p -> p[0]).isSorted();
    assertThat(secondProgress.get(secondProgress.size() - 1))
        .containsExactly(content.length, content.length);

    // Later use finds the finished file: still one request.
    assertThat(
            store.resolve(
                "custom",
                (model, read, total) -> {
                  throw cancelled;
                }))
        .isEqualTo(target);
    assertThat(mirror.getRequestCount()).isEqualTo(1);
    assertThat(filesIn(models)).containsExactly(target);
  }

  @Test
  void aCallerThatGaveUpCanJoinTheRunningDownloadAgain() throws Exception {
    byte[] content = modelBytes(128 * 1024);
    mirror.enqueue(file(content));
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    ModelStore store = gatedStore(Map.of("custom", sha1(content)), requested, gate);
    RuntimeException cancelled = new IllegalStateException("activity cancelled");

    assertThatThrownBy(
            () ->
                store.resolve(
                    "custom",
                    (model, read, total) -> {
                      throw cancelled;
                    }))
        .isSameAs(cancelled);
    assertThat(requested.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.status("custom").state()).isEqualTo(ModelStatus.State.DOWNLOADING);

    gate.countDown();
    assertThat(store.resolve("custom", null)).isEqualTo(models.resolve("ggml-custom.bin"));
    assertThat(mirror.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anInterruptedWaiterGetsInterruptedExceptionAndTheDownloadCompletes() throws Exception {
    byte[] content = modelBytes(256 * 1024);
    mirror.enqueue(file(content));
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    ModelStore store = gatedStore(Map.of("custom", sha1(content)), requested, gate);
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                store.resolve("custom", (model, read, total) -> waiting.countDown());
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    waiter.start();
    try {
      assertThat(requested.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
      waiter.interrupt();
      waiter.join(10_000);
      assertThat(waiter.isAlive()).isFalse();
      assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
      assertThat(store.status("custom").state()).isEqualTo(ModelStatus.State.DOWNLOADING);
    } finally {
      gate.countDown();
    }

    Path path = store.resolve("custom", null);
    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(mirror.getRequestCount()).isEqualTo(1);
  }

  @Test
  void explicitPathWinsForTheDefaultModel() throws Exception {
    Files.createDirectories(models);
    Files.write(models.resolve("ggml-base.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-tiny.bin"), new byte[] {2});
    Path explicit = Files.write(dir.resolve("my-model.bin"), new byte[] {3});
    ModelStore store =
        new ModelStore(new ModelStoreConfig(models, "base", explicit, true, mirrorUrl(), Map.of()));

    assertThat(store.resolve(null, null)).isEqualTo(explicit);
    assertThat(store.resolve("base", null)).isEqualTo(explicit);
    assertThat(store.resolve("ggml-tiny.bin", null)).isEqualTo(models.resolve("ggml-tiny.bin"));
    assertThat(store.status(null).path()).isEqualTo(explicit);
    assertThat(mirror.getRequestCount()).isZero();
  }

  @Test
  void missingExplicitPathFallsBackAndIsNamedInTheMessage() {
    Path explicit = dir.resolve("missing.bin");
    ModelStore store =
        new ModelStore(
            new ModelStoreConfig(models, "base", explicit, false, mirrorUrl(), Map.of()));

    assertThatThrownBy(() -> store.resolve(null, null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("fix STT_MODEL_PATH (" + explicit + " does not exist)");
  }

  @Test
  void invalidNamesAreRejectedWithoutTouchingTheDisk() {
    ModelStore store = store(true, Map.of());

    assertThatThrownBy(() -> store.resolve("../../etc/passwd", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("invalid model name");
    assertThat(store.status("a/b").state()).isEqualTo(ModelStatus.State.MISSING);
    assertThat(mirror.getRequestCount()).isZero();
  }

  @Test
  void namesAreNormalized() {
    assertThat(ModelCatalog.normalize(" ggml-base.en.bin ")).isEqualTo("base.en");
    assertThat(ModelCatalog.normalize("turbo")).isEqualTo("large-v3-turbo");
    assertThat(ModelCatalog.normalize("large")).isEqualTo("large-v3");
    assertThat(ModelCatalog.normalize("small-q8_0")).isEqualTo("small-q8_0");
    assertThat(ModelCatalog.isKnown("large-v3-turbo-q8_0")).isTrue();
  }
}
