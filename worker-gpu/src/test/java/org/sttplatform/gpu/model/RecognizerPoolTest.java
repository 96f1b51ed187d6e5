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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
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

  /** A recognizer that only remembers whether it was closed. */
  static final class StubRecognizer implements SpeechRecognizer {
    final String name;
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
      closed = true;
    }
  }
}
