package org.sttplatform.activities.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.activities.TestMedia;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.AudioFormat;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * WAV files already in the shape asked for skip ffprobe and ffmpeg: what {@link PcmWav} says and
 * writes is checked against what ffprobe says and ffmpeg writes, run here as separate processes.
 */
class PcmWavTest {

  private static final AudioConversion STEREO_44K =
      new AudioConversion(AudioFormat.WAV, 44_100, 2, 16);

  @TempDir Path dir;

  @Test
  void whisperAudioIsCopiedByteForByteAsFfmpegWritesIt() throws Exception {
    Path in = ffmpegWav("plain.wav", 16_000, 1, "-fflags", "+bitexact");
    assertSameAsFfmpeg(in, AudioConversion.WHISPER);
  }

  @Test
  void aWavWithAListChunkAndAnOddSampleCountIsCopiedAsFfmpegWritesIt() throws Exception {
    // ffmpeg without +bitexact writes a LIST/INFO chunk (encoder name) before the data.
    Path listed = ffmpegWav("listed.wav", 16_000, 1);
    assertThat(new String(Files.readAllBytes(listed), 0, 200, StandardCharsets.ISO_8859_1))
        .contains("LIST");
    assertSameAsFfmpeg(listed, AudioConversion.WHISPER);

    // A data chunk with a stray byte after its last frame, and a chunk after the data.
    byte[] samples = pcm(Files.readAllBytes(listed), 48_001);
    Path odd =
        write(
            "odd.wav",
            header(1, 16_000, 1, 16, 16, samples.length),
            samples,
            new byte[1], // RIFF pads an odd chunk
            chunk("junk", 6));
    assertThat(PcmWav.read(odd).orElseThrow().dataBytes()).isEqualTo(48_000);
    assertSameAsFfmpeg(odd, AudioConversion.WHISPER);
  }

  @Test
  void anExtensibleHeaderOfPcmIsCopiedAsFfmpegWritesIt() throws Exception {
    byte[] samples = pcm(Files.readAllBytes(ffmpegWav("ext-src.wav", 16_000, 1)), 32_000);
    Path ext = write("extensible.wav", header(0xFFFE, 16_000, 1, 16, 40, samples.length), samples);
    assertThat(TestMedia.ffprobeAudio(ext)).contains("codec_name=pcm_s16le");
    assertSameAsFfmpeg(ext, AudioConversion.WHISPER);
  }

  @Test
  void stereoAt44kIsCopiedWhenThatIsWhatIsAsked() throws Exception {
    Path in = ffmpegWav("stereo.wav", 44_100, 2);
    assertSameAsFfmpeg(in, STEREO_44K);
    // The same file asked for as whisper audio needs ffmpeg's resampler and down-mix.
    assertThat(PcmWav.read(in).orElseThrow().holds(AudioConversion.WHISPER)).isFalse();
  }

  @Test
  void whatItSaysOfTheFileIsWhatFfprobeSays() throws Exception {
    for (Path in :
        List.of(
            ffmpegWav("p16.wav", 16_000, 1),
            ffmpegWav("p22.wav", 22_050, 1),
            ffmpegWav("p48s.wav", 48_000, 2))) {
      MediaInfo info = PcmWav.read(in).orElseThrow().info();
      List<String> ffprobe = TestMedia.ffprobeAudio(in);
      assertThat(ffprobe)
          .contains(
              "codec_name=" + info.audioCodec(),
              "sample_rate=" + info.sampleRate(),
              "channels=" + info.channels(),
              "format_name=" + info.formatName());
      double duration =
          Double.parseDouble(
              ffprobe.stream()
                  .filter(l -> l.startsWith("duration="))
                  .findFirst()
                  .orElseThrow()
                  .substring("duration=".length()));
      assertThat(info.durationSeconds()).isCloseTo(duration, within(0.0005));
      assertThat(info.sizeBytes()).isEqualTo(Files.size(in));
      // MediaProbe answers the same without running ffprobe.
      assertThat(new MediaProbe(FfmpegTools.onPath()).probe(in)).isEqualTo(info);
    }
  }

  @Test
  void anythingElseIsLeftToFfmpeg() throws Exception {
    byte[] s = new byte[3200];
    List<Path> refused = new ArrayList<>();
    refused.add(write("24bit.wav", header(1, 16_000, 1, 24, 16, s.length), s));
    refused.add(write("float.wav", header(3, 16_000, 1, 32, 16, s.length), s));
    refused.add(write("8bit.wav", header(1, 16_000, 1, 8, 16, s.length), s));
    refused.add(write("96k.wav", header(1, 96_000, 1, 16, 16, s.length), s));
    refused.add(write("6ch.wav", header(1, 16_000, 6, 16, 16, s.length), s));
    refused.add(write("placeholder.wav", header(1, 16_000, 1, 16, 16, 0xFFFFFFFFL), s));
    refused.add(write("truncated.wav", header(1, 16_000, 1, 16, 16, s.length + 2L), s));
    refused.add(write("empty.wav", header(1, 16_000, 1, 16, 16, 0), new byte[0]));
    byte[] rf64 = header(1, 16_000, 1, 16, 16, s.length);
    System.arraycopy("RF64".getBytes(StandardCharsets.US_ASCII), 0, rf64, 0, 4);
    refused.add(write("rf64.wav", rf64, s));
    // An extensible header whose sub-format is IEEE float, not PCM.
    byte[] floatExt = header(0xFFFE, 16_000, 1, 16, 40, s.length);
    floatExt[20 + 24] = 3;
    refused.add(write("float-ext.wav", floatExt, s));
    // The data chunk before the format chunk.
    byte[] fmtAfter = header(1, 16_000, 1, 16, 16, s.length);
    refused.add(
        write(
            "fmt-after.wav",
            Arrays.copyOfRange(fmtAfter, 0, 12),
            Arrays.copyOfRange(fmtAfter, 36, 44),
            s,
            Arrays.copyOfRange(fmtAfter, 12, 36)));
    refused.add(TestMedia.sine("sine.flac"));
    for (Path file : refused) {
      assertThat(PcmWav.read(file)).as(file.getFileName().toString()).isEmpty();
    }
    // A named pipe is not opened (its first bytes are ffmpeg's to read).
    Path fifo = dir.resolve("pipe.wav");
    TestMedia.run("mkfifo", fifo.toString());
    assertThat(PcmWav.read(fifo)).isEmpty();
  }

  @Test
  void aCancelledCopyLeavesNoOutput() throws Exception {
    Path in = ffmpegWav("cancel.wav", 16_000, 1);
    Path out = dir.resolve("audio.wav");
    AtomicLong ticks = new AtomicLong();
    assertThatThrownBy(
            () ->
                new AudioExtractor(FfmpegTools.onPath())
                    .extract(
                        in,
                        out,
                        Duration.ofMillis(50),
                        ms -> {
                          ticks.incrementAndGet();
                          throw new IllegalStateException("cancelled");
                        }))
        .hasMessage("cancelled");
    assertThat(ticks.get()).isEqualTo(1);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".audio.wav") || name.equals("audio.wav"));
    }
  }

  /** The extractor's copy equals ffmpeg's own conversion of {@code in}, byte for byte. */
  private void assertSameAsFfmpeg(Path in, AudioConversion conversion) throws Exception {
    assertThat(PcmWav.read(in))
        .as("accepted")
        .hasValueSatisfying(w -> assertThat(w.holds(conversion)).isTrue());
    Path copied = dir.resolve("copied-" + in.getFileName());
    List<Long> ticks = new ArrayList<>();
    double seconds =
        new AudioExtractor(FfmpegTools.onPath())
            .extract(in, copied, conversion, Duration.ofMillis(50), ticks::add);
    Path converted = dir.resolve("ffmpeg-" + in.getFileName());
    TestMedia.run(
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-i",
        in.toString(),
        "-map",
        "0:a:0",
        "-vn",
        "-ac",
        Integer.toString(conversion.channels()),
        "-ar",
        Integer.toString(conversion.sampleRate()),
        "-map_metadata",
        "-1",
        "-f",
        "wav",
        "-c:a",
        "pcm_s16le",
        "-fflags",
        "+bitexact",
        converted.toString());
    assertThat(Files.readAllBytes(copied)).isEqualTo(Files.readAllBytes(converted));
    long bytesPerSecond = conversion.sampleRate() * conversion.channels() * 2L;
    assertThat(seconds).isEqualTo((Files.size(converted) - 44) / (double) bytesPerSecond);
    assertThat(ticks)
        .isNotEmpty()
        .last()
        .isEqualTo((Files.size(converted) - 44) * 1000 / bytesPerSecond);
  }

  /** The espeak speech as 16-bit PCM WAV at {@code rate} Hz with {@code channels}, by ffmpeg. */
  private Path ffmpegWav(String name, int rate, int channels, String... extra) throws IOException {
    Path out = dir.resolve(name);
    List<String> command =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-i",
                TestMedia.espeakWav().toString(),
                "-ar",
                Integer.toString(rate),
                "-ac",
                Integer.toString(channels),
                "-c:a",
                "pcm_s16le"));
    command.addAll(List.of(extra));
    command.add(out.toString());
    TestMedia.run(command.toArray(String[]::new));
    return out;
  }

  /** The first {@code bytes} bytes of samples of a WAV file ffmpeg wrote. */
  private static byte[] pcm(byte[] wav, int bytes) throws IOException {
    String text = new String(wav, StandardCharsets.ISO_8859_1);
    int data = text.indexOf("data");
    return Arrays.copyOfRange(wav, data + 8, data + 8 + bytes);
  }

  /** A RIFF header, a {@code fmt } chunk of {@code fmtSize} bytes and a data chunk's head. */
  private static byte[] header(
      int tag, int rate, int channels, int bits, int fmtSize, long dataSize) {
    ByteBuffer b = ByteBuffer.allocate(20 + fmtSize + 8).order(ByteOrder.LITTLE_ENDIAN);
    int align = channels * bits / 8;
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (12 + fmtSize + dataSize));
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtSize);
    b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align);
    b.putShort((short) align).putShort((short) bits);
    if (fmtSize >= 40) {
      b.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3);
      // KSDATAFORMAT_SUBTYPE_PCM
      b.put(
          new byte[] {
            1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71
          });
    }
    b.position(20 + fmtSize);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataSize);
    return b.array();
  }

  private static byte[] chunk(String id, int size) {
    ByteBuffer b = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(size);
    return b.array();
  }

  private Path write(String name, byte[]... parts) throws IOException {
    Path out = dir.resolve(name);
    try (var o = Files.newOutputStream(out)) {
      for (byte[] p : parts) {
        o.write(p);
      }
    }
    return out;
  }
}
