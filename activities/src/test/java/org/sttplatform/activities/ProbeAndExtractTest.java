package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.workflows.AudioDurationLimit;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.ProbedAudio;

/**
 * {@code probeAndExtract} (real ffprobe and ffmpeg side by side) gives what {@code probe} then
 * {@code extractAudio} give, and the probe's checks still decide: a refused file leaves no audio.
 */
class ProbeAndExtractTest {

  private static final long TASK = 7;

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

  private MediaRef stored(Path fixture, String name) throws Exception {
    Path target = new DataLayout(dataDir).newUploadFile(name);
    Files.copy(fixture, target);
    return new MediaRef(new DataLayout(dataDir).files().put(target), name, Files.size(target));
  }

  private Path workDir() {
    return new DataLayout(dataDir).workDir(TASK);
  }

  @Test
  void givesTheProbeAndTheAudioOfTwoSteps() throws Exception {
    MediaActivities activities = activities(CpuWorkerSettings.defaults(dataDir));
    MediaRef media = stored(TestMedia.mp4WithAudio(), "a.mp4");

    ProbedAudio both = activities.probeAndExtract(TASK, media);

    assertThat(both.info()).isEqualTo(activities.probe(media));
    assertThat(both.audio().durationSeconds()).isBetween(2.9, 3.1);
    assertThat(new DataLayout(dataDir).files().localFile(both.audio().key()))
        .exists()
        .startsWith(workDir());
  }

  @Test
  void mediaOverTheLimitIsRefusedAndLeavesNoAudio() throws Exception {
    MediaActivities activities =
        activities(CpuWorkerSettings.defaults(dataDir).withMaxAudioSeconds(2));

    ApplicationFailure failure =
        failureOf(
            () -> activities.probeAndExtract(TASK, stored(TestMedia.mp4WithAudio(), "a.mp4")));

    assertThat(failure.getType()).isEqualTo(Failures.MEDIA_TOO_LARGE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo(AudioDurationLimit.message(3.0, 2));
    if (Files.exists(workDir())) {
      assertThat(workDir()).isDirectoryNotContaining("glob:**.wav*");
    }
  }

  @Test
  void videoWithoutAudioFailsAsTheProbeSays() throws Exception {
    MediaActivities activities = activities(CpuWorkerSettings.defaults(dataDir));

    ApplicationFailure failure =
        failureOf(
            () -> activities.probeAndExtract(TASK, stored(TestMedia.videoOnlyMp4(), "v.mp4")));

    assertThat(failure.getType()).isEqualTo(Failures.NO_AUDIO_STREAM);
    assertThat(failure.getOriginalMessage()).startsWith("The media has no audio stream (");
  }

  @Test
  void anEmptyAudioStreamFailsAsTheProbeSays() throws Exception {
    MediaActivities activities = activities(CpuWorkerSettings.defaults(dataDir));

    ApplicationFailure failure =
        failureOf(
            () ->
                activities.probeAndExtract(
                    TASK, stored(TestMedia.headerOnlyWav(), "header-only.wav")));

    assertThat(failure.getType()).isEqualTo(Failures.NO_AUDIO_STREAM);
    assertThat(failure.getOriginalMessage()).contains("empty");
  }

  @Test
  void aPlaylistIsRefusedByTheAllowlist() throws Exception {
    MediaActivities activities = activities(CpuWorkerSettings.defaults(dataDir));
    Path playlist = TestMedia.ffconcatAsMp3(dataDir, "list.mp3");

    ApplicationFailure failure =
        failureOf(() -> activities.probeAndExtract(TASK, stored(playlist, "list.mp3")));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.isNonRetryable()).isTrue();
  }
}
