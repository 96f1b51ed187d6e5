package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Leases: the bound on concurrent leases, and closing the pool while leases are out. */
class RecognizerPoolLeaseTest extends AbstractRecognizerPoolTest {

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
}
