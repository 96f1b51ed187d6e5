package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.sttplatform.gpu.whisper.SpeechRecognizer;

/**
 * Loading models into the pool: once per model however many first uses race, a failed load retried
 * on the next use, a missing model, and a download shared by two callers.
 */
class RecognizerPoolLoadingTest extends AbstractRecognizerPoolTest {

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
}
