package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sttplatform.activities.media.MediaProbe;
import org.sttplatform.activities.media.MediaProblem;
import org.sttplatform.workflows.Failures;

/**
 * A valid container whose audio stream holds no samples has nothing to transcribe: the probe says
 * so as {@link Failures#NO_AUDIO_STREAM} (415 at upload, a failed task from a URL) instead of
 * letting extraction fail later.
 */
class EmptyAudioTest {
  private final MediaProbe probe = new MediaProbe();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"a.wav", "a.flac", "header-only.wav"})
  void anEmptyAudioStreamIsNoAudio(String name) throws Exception {
    Path file =
        name.equals("header-only.wav") ? TestMedia.headerOnlyWav() : TestMedia.emptyAudio(name);

    assertThatThrownBy(() -> probe.probe(file))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.NO_AUDIO_STREAM))
        .hasMessageContaining("no audio")
        .hasMessageContaining("empty");
  }

  /** Very short audio is still audio: one packet is enough. */
  @ParameterizedTest
  @ValueSource(strings = {"short.wav", "short.flac"})
  void aFewMillisecondsAreAccepted(String name) throws Exception {
    Path file = dir.resolve(name);
    TestMedia.run(
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "sine=duration=0.01:sample_rate=16000",
        file.toString());
    assertThat(probe.probe(file).durationSeconds()).isPositive();
  }
}
