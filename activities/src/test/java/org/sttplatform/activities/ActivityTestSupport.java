package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.sttplatform.workflows.activity.MediaActivities;

/** Runs {@link MediaActivitiesImpl} in a {@link TestActivityEnvironment}, one attempt per call. */
final class ActivityTestSupport {

  private ActivityTestSupport() {}

  static MediaActivities stub(TestActivityEnvironment env) {
    return stub(env, Duration.ofSeconds(10));
  }

  /**
   * A stub with the given heartbeat timeout. The SDK sends heartbeats at most every 0.8 × that
   * timeout (keeping only the latest details), so tests that count heartbeats use a short one.
   */
  static MediaActivities stub(TestActivityEnvironment env, Duration heartbeatTimeout) {
    return env.newActivityStub(
        MediaActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setHeartbeatTimeout(heartbeatTimeout)
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  /** The ApplicationFailure the activity raised when {@code call} ran it. */
  static ApplicationFailure failureOf(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }
}
