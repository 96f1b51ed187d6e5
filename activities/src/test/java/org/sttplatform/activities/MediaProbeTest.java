package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sttplatform.activities.media.MediaProbe;
import org.sttplatform.activities.media.MediaProblem;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.MediaInfo;

class MediaProbeTest {

  private final MediaProbe probe = new MediaProbe();

  @Test
  void mp4WithAudio() throws Exception {
    MediaInfo info = probe.probe(TestMedia.mp4WithAudio());
    assertThat(info.durationSeconds()).isCloseTo(TestMedia.MP4_SECONDS, within(0.1));
    assertThat(info.formatName()).contains("mp4");
    assertThat(info.audioCodec()).isEqualTo("aac");
    assertThat(info.sampleRate()).isEqualTo(44100);
    assertThat(info.channels()).isEqualTo(2);
    assertThat(info.sizeBytes()).isEqualTo(java.nio.file.Files.size(TestMedia.mp4WithAudio()));
  }

  @Test
  void espeakWav() throws Exception {
    MediaInfo info = probe.probe(TestMedia.espeakWav());
    assertThat(info.formatName()).isEqualTo("wav");
    assertThat(info.audioCodec()).isEqualTo("pcm_s16le");
    assertThat(info.sampleRate()).isEqualTo(22050);
    assertThat(info.channels()).isEqualTo(1);
    assertThat(info.durationSeconds()).isBetween(1.0, 10.0);
  }

  @Test
  void videoOnlyHasNoAudioStream() {
    assertThatThrownBy(() -> probe.probe(TestMedia.videoOnlyMp4()))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.NO_AUDIO_STREAM))
        .hasMessage("The media has no audio stream (streams found: video h264)");
  }

  @Test
  void textFileIsBadMedia() throws Exception {
    var file = TestMedia.textAsMp3();
    assertThatThrownBy(() -> probe.probe(file))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.BAD_MEDIA))
        .hasMessageStartingWith("ffprobe cannot read the file: ")
        .hasMessageNotContaining(file.getParent().toString());
  }

  @Test
  void emptyFileIsBadMedia() {
    assertThatThrownBy(() -> probe.probe(TestMedia.emptyMp3()))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.BAD_MEDIA))
        .hasMessageContaining("empty");
  }

  @Test
  void randomBytesAreBadMedia() {
    assertThatThrownBy(() -> probe.probe(TestMedia.corruptMp4()))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.BAD_MEDIA))
        .hasMessageStartingWith("ffprobe cannot read the file: ");
  }

  @Test
  void missingFileIsBadMedia() {
    assertThatThrownBy(() -> probe.probe(java.nio.file.Path.of("/nonexistent/x.mp3")))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.BAD_MEDIA));
  }
}
