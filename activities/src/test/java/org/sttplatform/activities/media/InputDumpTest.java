package org.sttplatform.activities.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sttplatform.activities.TestMedia;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * ffmpeg's dump of its input, read while it extracts, gives the facts ffprobe gives: checked
 * against {@link MediaProbe} (ffprobe's JSON) on real files of several containers and layouts.
 */
class InputDumpTest {
  @TempDir Path dir;

  private final AudioExtractor extractor = new AudioExtractor(FfmpegTools.onPath());
  private final MediaProbe probe = new MediaProbe();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4 with video",
        "mp3",
        "wav",
        "ogg opus",
        "flac 5.1",
        "m4a 7.1",
        "raw adts",
        "mkv 6 ch"
      })
  void givesWhatFfprobeGives(String kind) throws Exception {
    Path media =
        switch (kind) {
          case "mp4 with video" -> TestMedia.mp4WithAudio();
          case "mp3" -> TestMedia.sine("dump.mp3", "-c:a", "libmp3lame");
          case "wav" -> TestMedia.sine("dump.wav", "-c:a", "pcm_s16le", "-ac", "1");
          case "ogg opus" -> TestMedia.sine("dump.ogg", "-c:a", "libopus", "-ar", "48000");
          case "flac 5.1" -> TestMedia.sine("dump.flac", "-af", "aformat=channel_layouts=5.1");
          case "m4a 7.1" -> TestMedia.sine("dump.m4a", "-af", "aformat=channel_layouts=7.1");
          // No container duration: the extracted audio's stands in, as ffprobe's stream one does.
          case "raw adts" -> TestMedia.sine("dump.aac", "-c:a", "aac", "-f", "adts");
          case "mkv 6 ch" -> TestMedia.sine("dump.mkv", "-af", "aformat=channel_layouts=6.0");
          default -> throw new IllegalArgumentException(kind);
        };
    InputDump dump = new InputDump();
    double extracted =
        extractor.extract(
            media,
            dir.resolve("audio.wav"),
            AudioConversion.WHISPER,
            Duration.ofMillis(50),
            ms -> {},
            dump);

    Optional<MediaInfo> fromDump = dump.info(Files.size(media), extracted);
    MediaInfo fromFfprobe = probe.probe(media);

    assertThat(fromDump).as("the dump of %s was read", kind).isPresent();
    MediaInfo info = fromDump.get();
    assertThat(info.formatName()).isEqualTo(fromFfprobe.formatName());
    assertThat(info.audioCodec()).isEqualTo(fromFfprobe.audioCodec());
    assertThat(info.sampleRate()).isEqualTo(fromFfprobe.sampleRate());
    assertThat(info.channels()).isEqualTo(fromFfprobe.channels());
    assertThat(info.sizeBytes()).isEqualTo(fromFfprobe.sizeBytes());
    // The dump states centiseconds; a stream-only duration comes from the decoded audio.
    assertThat(info.durationSeconds()).isCloseTo(fromFfprobe.durationSeconds(), within(0.06));
  }

  @Test
  void linesOfOtherLevelsAndOfDemuxersAreNotPartOfTheDump() {
    InputDump dump = new InputDump();
    for (String line :
        List.of(
            "[info] Input #0, mp3, from '/data/source.mp3':",
            "[mp3 @ 0x55d0c] [warning] Estimating duration from bitrate, this may be inaccurate",
            "[info]   Duration: 00:01:02.50, start: 0.025057, bitrate: 128 kb/s",
            "[info]   Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s",
            "[info] Stream mapping:",
            "[info]   Stream #0:0: Audio: pcm_s16le, 16000 Hz, mono, s16, 256 kb/s")) {
      dump.accept(line);
    }
    assertThat(dump.info(10, 1.0)).contains(new MediaInfo(62.5, "mp3", "mp3", 44100, 2, 10));
    assertThat(InputDump.isInfo("[mp3 @ 0x55d0c] [info] Skipping 0 bytes")).isTrue();
    assertThat(InputDump.isInfo("[error] No such file")).isFalse();
  }

  @Test
  void anUnknownLayoutGivesNoFactsSoTheCallerAsksFfprobe() {
    InputDump dump = new InputDump();
    dump.accept("[info] Input #0, wav, from 'a.wav':");
    dump.accept("[info]   Duration: 00:00:01.00, bitrate: 1411 kb/s");
    dump.accept("[info]   Stream #0:0: Audio: pcm_s16le, 44100 Hz, ambisonic 1, s16, 1411 kb/s");
    assertThat(dump.info(10, 1.0)).isEmpty();
    assertThat(InputDump.channels("5.1(side)")).isEqualTo(6);
    assertThat(InputDump.channels("7.1(wide-side)")).isEqualTo(8);
    assertThat(InputDump.channels("22.2")).isEqualTo(24);
    assertThat(InputDump.channels("3 channels")).isEqualTo(3);
    assertThat(InputDump.channels("quad(side)")).isEqualTo(4);
  }
}
