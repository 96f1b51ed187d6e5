package org.sttplatform.workflows.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/** The retry policy, applied by the routing to its lease-and-run attempts. */
class TranscriptionRoutingTest {
  private final RetryOptions policy = ActivityDefaults.transcribe().getRetryOptions();

  private static ActivityFailure failed(Throwable cause) {
    return new ActivityFailure(
        "failed",
        5,
        6,
        "component.transcribe",
        "1",
        RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED,
        "w",
        cause);
  }

  @Test
  void aLostWorkerIsLeftAtOnceUntilTheAttemptsAreUsedUp() {
    ActivityFailure lost =
        failed(new TimeoutFailure("gone", null, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START));

    assertThat(TranscriptionRouting.nextAttempt(lost, policy, 1)).isEqualTo(Duration.ZERO);
    assertThat(TranscriptionRouting.nextAttempt(lost, policy, policy.getMaximumAttempts()))
        .isNull();
  }

  @Test
  void retryableFailuresBackOffAsThePolicySays() {
    ActivityFailure io = failed(ApplicationFailure.newFailure("disk hiccup", "IOException"));

    assertThat(TranscriptionRouting.nextAttempt(io, policy, 1))
        .isEqualTo(ActivityDefaults.RETRY_AFTER_LOST_WORKER);
    assertThat(TranscriptionRouting.nextAttempt(io, policy, 2))
        .isEqualTo(ActivityDefaults.RETRY_AFTER_LOST_WORKER.multipliedBy(2));
    RetryOptions capped =
        RetryOptions.newBuilder(policy)
            .setMaximumAttempts(0)
            .setMaximumInterval(Duration.ofSeconds(3))
            .build();
    assertThat(TranscriptionRouting.nextAttempt(io, capped, 30)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aHandBackWaitsForItsOwnDelay() {
    ActivityFailure handedBack = failed(Failures.handedBack("gpu-1"));

    assertThat(TranscriptionRouting.nextAttempt(handedBack, policy, 1))
        .isEqualTo(Failures.handedBack("gpu-1").getNextRetryDelay())
        .isPositive();
  }

  @Test
  void nonRetryableFailuresEndTheStep() {
    assertThat(
            TranscriptionRouting.nextAttempt(
                failed(ApplicationFailure.newFailure("no such model", Failures.MODEL_UNAVAILABLE)),
                policy,
                1))
        .isNull();
    assertThat(
            TranscriptionRouting.nextAttempt(
                failed(ApplicationFailure.newNonRetryableFailure("bad", "Whatever")), policy, 1))
        .isNull();
  }
}
