package org.sttplatform.gpu.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.worker.tuning.ActivitySlotInfo;
import io.temporal.worker.tuning.SlotReserveContext;
import io.temporal.worker.tuning.SlotSupplier;
import io.temporal.worker.tuning.SlotSupplierFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FleetSlotsTest {
  private final AtomicLong now = new AtomicLong(1_000);

  @Test
  void leasesHoldSlotsUntilTheirTranscriptionComesOrTheHoldLapses() {
    try (FleetSlots slots = new FleetSlots(2, now::get)) {
      assertThat(slots.tryHold()).isTrue();
      assertThat(slots.tryHold()).isTrue();
      assertThat(slots.tryHold()).isFalse();
      assertThat(slots.busy()).isEqualTo(2);

      slots.started(); // takes a hold
      assertThat(slots.running()).isEqualTo(1);
      assertThat(slots.busy()).isEqualTo(2);

      now.addAndGet(FleetSlots.HOLD.toMillis()); // the other hold's transcription never came
      assertThat(slots.busy()).isEqualTo(1);
      assertThat(slots.tryHold()).isTrue();

      slots.ended();
      assertThat(slots.busy()).isEqualTo(1);
    }
  }

  @Test
  void theSharedQueueIsPolledOnlyWhileASlotIsFree() throws Exception {
    try (FleetSlots slots = new FleetSlots(1, now::get)) {
      SlotSupplier<ActivitySlotInfo> shared = slots.sharedQueueSlots();
      slots.started();
      SlotSupplierFuture waiting = shared.reserveSlot(null);
      assertThat(shared.tryReserveSlot(null)).isEmpty();
      Thread.sleep(300);
      assertThat(waiting).isNotDone();

      slots.ended();

      assertThat(waiting.get()).isNotNull();
      // One poll at a time: the next waits for this permit's release.
      SlotSupplierFuture next = shared.reserveSlot(null);
      Thread.sleep(200);
      assertThat(next).isNotDone();
      shared.releaseSlot(null);
      assertThat(next.get()).isNotNull();
    }
  }

  @Test
  void anAbortedReservationGivesItsPermitBack() throws Exception {
    try (FleetSlots slots = new FleetSlots(1, now::get)) {
      SlotSupplier<ActivitySlotInfo> shared = slots.sharedQueueSlots();
      slots.started();
      SlotSupplierFuture aborted = shared.reserveSlot((SlotReserveContext<ActivitySlotInfo>) null);
      assertThat(aborted.abortReservation()).isNull();
      slots.ended();

      assertThat(shared.tryReserveSlot(null)).isPresent();
    }
  }

  @Test
  void aStoppingWorkerTakesNoMoreLeasesNorPolls() throws Exception {
    try (FleetSlots slots = new FleetSlots(2, now::get)) {
      SlotSupplier<ActivitySlotInfo> shared = slots.sharedQueueSlots();
      slots.stopTakingWork();

      assertThat(slots.tryHold()).isFalse();
      assertThat(shared.tryReserveSlot(null)).isEmpty();
      SlotSupplierFuture waiting = shared.reserveSlot(null);
      Thread.sleep(300);
      assertThat(waiting).isNotDone();
    }
  }
}
