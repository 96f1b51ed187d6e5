package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sttplatform.gpu.model.DownloadFixtures.modelBytes;
import static org.sttplatform.gpu.model.DownloadFixtures.sha1;

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
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * One download shared by every caller that needs the model: it runs once, and a caller that stops
 * waiting (its listener throws, it is interrupted) leaves it running for the others.
 */
class SharedModelDownloadTest extends AbstractModelStoreTest {

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
}
