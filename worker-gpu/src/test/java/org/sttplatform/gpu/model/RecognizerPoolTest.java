package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.workflows.model.Transcript;

class RecognizerPoolTest {

  @TempDir Path models;

  private final List<StubRecognizer> loaded = new CopyOnWriteArrayList<>();
  private final AtomicInteger loads = new AtomicInteger();
  private ModelStore store;

  @BeforeEach
  void setUp() throws Exception {
    Files.write(models.resolve("ggml-base.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-tiny.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-small.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-large-v3.bin"), new byte[] {1});
    store =
        new ModelStore(
            new ModelStoreConfig(models, "base", null, false, "http://127.0.0.1:9", Map.of()));
  }

  private RecognizerFactory slowFactory() {
    return (name, file) -> {
      loads.incrementAndGet();
      Thread.sleep(100);
      StubRecognizer r = new StubRecognizer(name);
      loaded.add(r);
      return r;
    };
  }

  /** Loads stubs without delay, or with a short random one to shake out races. */
  private RecognizerFactory factory(int maxDelayMillis) {
    return (name, file) -> {
      loads.incrementAndGet();
      if (maxDelayMillis > 0) {
        Thread.sleep(ThreadLocalRandom.current().nextInt(maxDelayMillis + 1));
      }
      StubRecognizer r = new StubRecognizer(name);
      loaded.add(r);
      return r;
    };
  }

  private static void use(RecognizerPool pool, String model) throws Exception {
    try (RecognizerPool.Lease lease = pool.acquire(model, null)) {
      assertThat(lease.recognizer().modelName()).isEqualTo(model);
    }
  }

  private List<StubRecognizer> open() {
    return loaded.stream().filter(r -> !r.closed).toList();
  }

  private StubRecognizer stub(String model) {
    return loaded.stream().filter(r -> r.name.equals(model)).findFirst().orElseThrow();
  }

  @Test
  void loadsEachModelOnceEvenWhenFirstUsesRace() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, slowFactory(), 4);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<SpeechRecognizer>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      results.add(
          threads.submit(
              () -> {
                start.await();
                try (RecognizerPool.Lease lease = pool.acquire(null, null)) {
                  return lease.recognizer();
                }
              }));
    }
    start.countDown();
    SpeechRecognizer first = results.get(0).get(5, TimeUnit.SECONDS);
    for (Future<SpeechRecognizer> result : results) {
      assertThat(result.get(5, TimeUnit.SECONDS)).isSameAs(first);
    }
    threads.shutdown();

    assertThat(loads).hasValue(1);
    try (RecognizerPool.Lease lease = pool.acquire("tiny", null)) {
      assertThat(lease.recognizer().modelName()).isEqualTo("tiny");
    }
    assertThat(loads).hasValue(2);
    assertThat(pool.loadedModels()).containsExactlyInAnyOrder("base", "tiny");

    pool.close();
    assertThat(loaded).allMatch(r -> r.closed);
  }

  @Test
  void boundsConcurrentLeases() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, slowFactory(), 1);
    RecognizerPool.Lease first = pool.acquire("base", null);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<RecognizerPool.Lease> second = thread.submit(() -> pool.acquire("base", null));

    Thread.sleep(200);
    assertThat(second).isNotDone();
    first.close();
    first.close(); // idempotent: releases one slot only
    second.get(5, TimeUnit.SECONDS).close();
    thread.shutdown();
    pool.close();
  }

  @Test
  void closeDoesNotFreeAModelUnderARunningTranscription() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, slowFactory(), 1);
    RecognizerPool.Lease lease = pool.acquire("base", null);

    pool.close(java.time.Duration.ofMillis(50));

    assertThat(loaded).singleElement().matches(r -> !r.closed);
    lease.close();
  }

  @Test
  void failedLoadIsModelUnavailableAndIsRetriedNextTime() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    RecognizerPool pool =
        new RecognizerPool(
            store,
            (name, file) -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("invalid model file (bad magic)");
              }
              return new StubRecognizer(name);
            },
            1);

    assertThatThrownBy(() -> pool.acquire("base", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("could not be loaded from " + models.resolve("ggml-base.bin"))
        .hasMessageContaining("bad magic");
    try (RecognizerPool.Lease lease = pool.acquire("base", null)) {
      assertThat(lease.recognizer().modelName()).isEqualTo("base");
    }
    assertThat(attempts).hasValue(2);
    pool.close();
  }

  @Test
  void missingModelIsModelUnavailable() {
    RecognizerPool pool = new RecognizerPool(store, slowFactory(), 1);

    assertThatThrownBy(() -> pool.acquire("medium", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("put ggml-medium.bin in " + models);
    assertThat(loads).hasValue(0);
  }

  @Test
  void unloadsTheLeastRecentlyUsedModelToMakeRoom() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, factory(0), 2, 2);
    use(pool, "tiny");
    use(pool, "base");
    use(pool, "tiny"); // base is now the least recently used

    use(pool, "small");

    assertThat(pool.loadedModels()).containsExactlyInAnyOrder("tiny", "small");
    assertThat(stub("base").closed).isTrue();
    assertThat(open()).extracting(r -> r.name).containsExactlyInAnyOrder("tiny", "small");

    use(pool, "large-v3"); // tiny was used before small

    assertThat(pool.loadedModels()).containsExactlyInAnyOrder("small", "large-v3");
    assertThat(open()).extracting(r -> r.name).containsExactlyInAnyOrder("small", "large-v3");
    assertThat(loads).hasValue(4);
    pool.close();
    assertThat(loaded).allMatch(r -> r.closes.get() == 1);
  }

  @Test
  void neverUnloadsALeasedModel() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, factory(0), 3, 2);
    RecognizerPool.Lease base = pool.acquire("base", null); // least recently used, but leased
    use(pool, "tiny");

    use(pool, "small");

    assertThat(pool.loadedModels()).containsExactlyInAnyOrder("base", "small");
    assertThat(stub("tiny").closed).isTrue();
    assertThat(base.recognizer()).isSameAs(stub("base"));
    assertThat(stub("base").closed).isFalse();
    base.close();
    assertThat(pool.loadedModels()).containsExactlyInAnyOrder("base", "small");
    pool.close();
    assertThat(loaded).allMatch(r -> r.closes.get() == 1);
  }

  @Test
  void loadsAboveTheLimitWhenAllAreLeasedAndTrimsWhenALeaseCloses() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, factory(0), 3, 2);
    RecognizerPool.Lease tiny = pool.acquire("tiny", null);
    RecognizerPool.Lease base = pool.acquire("base", null);

    RecognizerPool.Lease small = pool.acquire("small", null);

    assertThat(pool.loadedModels()).containsExactlyInAnyOrder("tiny", "base", "small");
    assertThat(open()).hasSize(3);

    base.close(); // idle and one over the limit: freed now
    assertThat(stub("base").closed).isTrue();
    assertThat(pool.loadedModels()).containsExactlyInAnyOrder("tiny", "small");

    tiny.close(); // back at the limit: kept
    small.close();
    assertThat(pool.loadedModels()).containsExactlyInAnyOrder("tiny", "small");
    assertThat(open()).extracting(r -> r.name).containsExactlyInAnyOrder("tiny", "small");
    pool.close();
    assertThat(loaded).allMatch(r -> r.closes.get() == 1);
  }

  @Test
  void reloadsAnUnloadedModel() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, factory(0), 1, 1);
    SpeechRecognizer first;
    try (RecognizerPool.Lease lease = pool.acquire("tiny", null)) {
      first = lease.recognizer();
    }
    use(pool, "base");
    assertThat(((StubRecognizer) first).closed).isTrue();

    try (RecognizerPool.Lease lease = pool.acquire("tiny", null)) {
      assertThat(lease.recognizer()).isNotSameAs(first);
      assertThat(((StubRecognizer) lease.recognizer()).closed).isFalse();
    }

    assertThat(loads).hasValue(3);
    assertThat(pool.loadedModels()).containsExactly("tiny");
    pool.close();
    assertThat(loaded).allMatch(r -> r.closes.get() == 1);
  }

  @Test
  void concurrentFirstUsesOfDifferentModelsUnderTheLimitLoadEachOnce() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, slowFactory(), 4, 2);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<SpeechRecognizer>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String model = i % 2 == 0 ? "tiny" : "base";
      results.add(
          threads.submit(
              () -> {
                start.await();
                try (RecognizerPool.Lease lease = pool.acquire(model, null)) {
                  return lease.recognizer();
                }
              }));
    }
    start.countDown();
    for (Future<SpeechRecognizer> result : results) {
      result.get(5, TimeUnit.SECONDS);
    }
    threads.shutdown();

    assertThat(loads).hasValue(2);
    assertThat(open()).extracting(r -> r.name).containsExactlyInAnyOrder("tiny", "base");
    pool.close();
    assertThat(loaded).allMatch(r -> r.closes.get() == 1);
  }

  @Test
  void concurrentUseOfMoreModelsThanTheLimitNeverFreesALeasedModel() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, factory(3), 3, 2);
    String[] names = {"tiny", "base", "small", "large-v3"};
    int threadCount = 6;
    ExecutorService threads = Executors.newFixedThreadPool(threadCount);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      results.add(
          threads.submit(
              () -> {
                start.await();
                int used = 0;
                for (int i = 0; i < 40; i++) {
                  String model = names[ThreadLocalRandom.current().nextInt(names.length)];
                  try (RecognizerPool.Lease lease = pool.acquire(model, null)) {
                    StubRecognizer r = (StubRecognizer) lease.recognizer();
                    assertThat(r.closed).isFalse();
                    Thread.sleep(ThreadLocalRandom.current().nextInt(2));
                    assertThat(r.closed).isFalse();
                    assertThat(r.name).isEqualTo(model);
                    used++;
                  }
                }
                return used;
              }));
    }
    start.countDown();
    for (Future<Integer> result : results) {
      assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(40);
    }
    threads.shutdown();

    // Idle again: back within the limit, and exactly the resident models are open.
    assertThat(pool.loadedModels()).hasSizeLessThanOrEqualTo(2);
    assertThat(open())
        .extracting(r -> r.name)
        .containsExactlyInAnyOrderElementsOf(pool.loadedModels());
    assertThat(loaded).allMatch(r -> r.closes.get() <= 1);
    assertThat(loaded).hasSize(loads.get());
    pool.close();
    assertThat(loaded).allMatch(r -> r.closes.get() == 1);
    assertThat(pool.loadedModels()).isEmpty();
  }

  @Test
  void closeFreesAModelWhenItsLastLeaseComesBack() throws Exception {
    RecognizerPool pool = new RecognizerPool(store, factory(0), 1, 2);
    RecognizerPool.Lease lease = pool.acquire("base", null);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<RecognizerPool.Lease> waiting = thread.submit(() -> pool.acquire("tiny", null));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (loaded.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(loaded).hasSize(2);
    assertThat(waiting).isNotDone(); // tiny is loaded, the acquire waits for the slot

    pool.close(java.time.Duration.ofMillis(50));
    assertThat(open()).hasSize(2);
    lease.close();

    assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    thread.shutdown();
    assertThat(loaded).hasSize(2).allMatch(r -> r.closes.get() == 1);
    assertThat(pool.loadedModels()).isEmpty();
    assertThatThrownBy(() -> pool.acquire("base", null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCallerWhoseListenerThrowsStopsAloneAndTheModelDownloadsAndLoadsOnce() throws Exception {
    byte[] content = DownloadFixtures.modelBytes(128 * 1024);
    try (MockWebServer mirror = new MockWebServer()) {
      mirror.enqueue(new MockResponse.Builder().body(new Buffer().write(content)).build());
      mirror.start();
      CountDownLatch requested = new CountDownLatch(1);
      CountDownLatch gate = new CountDownLatch(1);
      ModelStore downloading =
          new ModelStore(
              new ModelStoreConfig(
                  models,
                  "base",
                  null,
                  true,
                  mirror.url("/m").toString(),
                  Map.of("custom", DownloadFixtures.sha1(content))),
              DownloadFixtures.gatedClient(requested, gate),
              DownloadFixtures.SLICE);
      RecognizerPool pool = new RecognizerPool(downloading, factory(0), 1);
      RuntimeException cancelled = new IllegalStateException("activity cancelled");
      AtomicBoolean stopFirst = new AtomicBoolean();
      CountDownLatch secondHeard = new CountDownLatch(1);
      ExecutorService callers = Executors.newFixedThreadPool(2);
      try {
        Future<RecognizerPool.Lease> first =
            callers.submit(
                () ->
                    pool.acquire(
                        "custom",
                        (model, read, total) -> {
                          if (stopFirst.get()) {
                            throw cancelled;
                          }
                        }));
        assertThat(requested.await(10, TimeUnit.SECONDS)).isTrue();
        Future<RecognizerPool.Lease> second =
            callers.submit(
                () -> pool.acquire("custom", (model, read, total) -> secondHeard.countDown()));
        // The second caller waits for the same download and hears its progress.
        assertThat(secondHeard.await(10, TimeUnit.SECONDS)).isTrue();

        stopFirst.set(true);
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCause(cancelled);
        assertThat(second).isNotDone();

        gate.countDown();
        try (RecognizerPool.Lease lease = second.get(10, TimeUnit.SECONDS)) {
          assertThat(lease.recognizer().modelName()).isEqualTo("custom");
        }
      } finally {
        gate.countDown();
        callers.shutdownNow();
        pool.close();
      }
      assertThat(mirror.getRequestCount()).isEqualTo(1);
      assertThat(loads).hasValue(1);
    }
  }

  @Test
  void rejectsALimitBelowOne() {
    assertThatThrownBy(() -> new RecognizerPool(store, factory(0), 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1, was 0");
  }

  /** A recognizer that only remembers whether (and how often) it was closed. */
  static final class StubRecognizer implements SpeechRecognizer {
    final String name;
    final AtomicInteger closes = new AtomicInteger();
    volatile boolean closed;

    StubRecognizer(String name) {
      this.name = name;
    }

    @Override
    public Transcript recognize(
        float[] samples,
        RecognitionSettings settings,
        IntConsumer progress,
        BooleanSupplier aborted) {
      return new Transcript("", "en", 1.0, 0, "stub", name, 0, List.of());
    }

    @Override
    public String modelName() {
      return name;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
      closed = true;
    }
  }
}
