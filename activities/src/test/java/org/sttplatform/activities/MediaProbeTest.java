package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sttplatform.activities.media.FfmpegTools;
import org.sttplatform.activities.media.MediaProbe;
import org.sttplatform.activities.media.MediaProblem;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.MediaInfo;

class MediaProbeTest {

  private final MediaProbe probe = new MediaProbe();

  @TempDir Path dir;

  /** Common containers pass the demuxer allowlist. */
  @ParameterizedTest
  @CsvSource({
    "a.mp3, mp3, ''",
    "a.m4a, 'mov,mp4,m4a,3gp,3g2,mj2', -c:a aac",
    "a.webm, 'matroska,webm', -c:a libopus",
    "a.mkv, 'matroska,webm', -c:a aac",
    "a.ogg, ogg, -c:a libvorbis",
    "a.opus, ogg, -c:a libopus",
    "a.flac, flac, ''",
    "a.wav, wav, ''",
    "a.aac, aac, -c:a aac",
    "a.ts, mpegts, -c:a aac",
    "a.avi, avi, -c:a mp3",
    "a.wma, asf, -c:a wmav2",
    "a.aiff, aiff, ''",
    "a.ac3, ac3, ''",
    "a.mpg, mpeg, -c:a mp2",
    "a.mov, 'mov,mp4,m4a,3gp,3g2,mj2', -c:a aac",
    "a.caf, caf, ''",
    "a.mka, 'matroska,webm', -c:a flac",
  })
  void commonContainersAreAccepted(String name, String formatName, String args) throws Exception {
    // Debian's ffmpeg (what ./stt and .ci/run install) has every encoder used here: no skipping.
    Path file = TestMedia.sine(name, args.isBlank() ? new String[0] : args.split(" "));
    MediaInfo info = probe.probe(file);
    assertThat(info.formatName()).isEqualTo(formatName);
    assertThat(FfmpegTools.allowedFormat(info.formatName())).isTrue();
  }

  @Test
  void videoWithAudioIsAccepted() throws Exception {
    assertThat(probe.probe(TestMedia.mp4WithAudio()).formatName()).startsWith("mov,mp4");
  }

  /**
   * A playlist named like an mp3 whose segment is another task's file: ffprobe (and ffmpeg) would
   * read it, so it must be refused before any nested demuxing.
   */
  @Test
  void hlsPlaylistReferringToALocalFileIsRefused() throws Exception {
    Path secret = dir.resolve("other-task-source.mp3");
    Files.copy(TestMedia.sine("secret.mp3"), secret);
    Path playlist = TestMedia.hlsPlaylistAsMp3(dir, secret);

    assertThatThrownBy(() -> probe.probe(playlist))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.BAD_MEDIA))
        .hasMessageContaining("(hls)")
        .hasMessageContaining("playlists")
        .hasMessageNotContaining(dir.toString());
  }

  @Test
  void ffconcatScriptIsRefused() throws Exception {
    Files.copy(TestMedia.sine("secret.mp3"), dir.resolve("secret.mp3"));
    Path script = TestMedia.ffconcatAsMp3(dir, "secret.mp3");

    assertThatThrownBy(() -> probe.probe(script))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.BAD_MEDIA))
        .hasMessageContaining("(concat)")
        .hasMessageContaining("playlists");
  }

  @Test
  void formatNamesAreCheckedAgainstTheAllowlist() {
    assertThat(FfmpegTools.allowedFormat("mov,mp4,m4a,3gp,3g2,mj2")).isTrue();
    assertThat(FfmpegTools.allowedFormat("matroska,webm")).isTrue();
    assertThat(FfmpegTools.allowedFormat("mp3")).isTrue();
    for (String refused :
        new String[] {"hls", "concat", "dash", "image2", "sdp", "lavfi", "", null}) {
      assertThat(FfmpegTools.allowedFormat(refused)).as(String.valueOf(refused)).isFalse();
    }
  }

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
