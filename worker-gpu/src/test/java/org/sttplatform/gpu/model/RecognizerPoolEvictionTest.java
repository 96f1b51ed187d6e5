package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sttplatform.gpu.whisper.SpeechRecognizer;

/**
 * The limit on loaded models: the least recently used idle model is unloaded to make room, a leased
 * one never is, and the pool is back within the limit when leases close.
 */
class RecognizerPoolEvictionTest extends AbstractRecognizerPoolTest {

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
  void rejectsALimitBelowOne() {
    assertThatThrownBy(() -> new RecognizerPool(store, factory(0), 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1, was 0");
  }
}
