package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.workflows.AudioDurationLimit;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.MediaRef;

/** The probe step refuses media longer than {@code STT_MAX_AUDIO_SECONDS} (real ffprobe). */
class ProbeDurationLimitTest {

  @TempDir Path dataDir;
  private TestActivityEnvironment env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private MediaActivities activities(CpuWorkerSettings settings) {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new MediaActivitiesImpl(settings));
    return ActivityTestSupport.stub(env);
  }

  private MediaRef upload() throws Exception {
    Path fixture = TestMedia.mp4WithAudio(); // 3 s
    Path target = new DataLayout(dataDir).newUploadFile("a.mp4");
    Files.copy(fixture, target);
    return new MediaRef(new DataLayout(dataDir).files().put(target), "a.mp4", Files.size(target));
  }

  @Test
  void mediaOverTheLimitFailsTheProbeForGoodWithTheApisMessage() throws Exception {
    MediaActivities activities =
        activities(CpuWorkerSettings.defaults(dataDir).withMaxAudioSeconds(2));

    ApplicationFailure failure = failureOf(() -> activities.probe(upload()));

    assertThat(failure.getType()).isEqualTo(Failures.MEDIA_TOO_LARGE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(AudioDurationLimit.message(3.0, 2))
        .contains("(2 s)", "STT_MAX_AUDIO_SECONDS");
  }

  @Test
  void mediaWithinTheLimitPassesAndTheLimitComesFromTheEnvironment() throws Exception {
    assertThat(CpuWorkerSettings.defaults(dataDir).maxAudioSeconds()).isEqualTo(21_600);
    CpuWorkerSettings fromEnv =
        CpuWorkerSettings.fromEnv(
            Map.of("STT_DATA_DIR", dataDir.toString(), "STT_MAX_AUDIO_SECONDS", "4"));
    assertThat(fromEnv.maxAudioSeconds()).isEqualTo(4);

    assertThat(activities(fromEnv).probe(upload()).durationSeconds()).isBetween(2.9, 3.1);
  }
}
