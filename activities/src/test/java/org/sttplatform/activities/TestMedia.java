package org.sttplatform.activities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Media fixtures made once per test JVM with the real ffmpeg and espeak-ng. */
public final class TestMedia {

  /** Duration of {@link #mp4WithAudio()} and {@link #videoOnlyMp4()}. */
  public static final double MP4_SECONDS = 3.0;

  private static Path dir;

  private TestMedia() {}

  private static synchronized Path dir() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("stt-test-media");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
    }
    return dir;
  }

  /** A 3 s mp4: 160x120 h264 test pattern + 440 Hz aac sine. */
  public static synchronized Path mp4WithAudio() throws IOException {
    Path out = dir().resolve("with-audio.mp4");
    if (!Files.exists(out)) {
      run(
          "ffmpeg",
          "-nostdin",
          "-v",
          "error",
          "-y",
          "-f",
          "lavfi",
          "-i",
          "testsrc=duration=3:size=160x120:rate=10",
          "-f",
          "lavfi",
          "-i",
          "sine=frequency=440:duration=3:sample_rate=44100",
          "-c:v",
          "libx264",
          "-preset",
          "ultrafast",
          "-pix_fmt",
          "yuv420p",
          "-c:a",
          "aac",
          "-ac",
          "2",
          "-shortest",
          out.toString());
    }
    return out;
  }

  /** A 3 s mp4 with only a h264 video stream. */
  public static synchronized Path videoOnlyMp4() throws IOException {
    Path out = dir().resolve("video-only.mp4");
    if (!Files.exists(out)) {
      run(
          "ffmpeg",
          "-nostdin",
          "-v",
          "error",
          "-y",
          "-f",
          "lavfi",
          "-i",
          "testsrc=duration=3:size=160x120:rate=10",
          "-c:v",
          "libx264",
          "-preset",
          "ultrafast",
          "-pix_fmt",
          "yuv420p",
          "-an",
          out.toString());
    }
    return out;
  }

  /** English speech from espeak-ng (22.05 kHz mono WAV). */
  public static synchronized Path espeakWav() throws IOException {
    Path out = dir().resolve("speech.wav");
    if (!Files.exists(out)) {
      run(
          "espeak-ng",
          "-v",
          "en-us",
          "-s",
          "150",
          "-w",
          out.toString(),
          "Hello world. This is a test of the speech to text platform.");
    }
    return out;
  }

  /**
   * A 1 s 440 Hz sine encoded by ffmpeg into {@code fileName}, whose extension picks the container;
   * {@code codecArgs} go before the output (e.g. {@code "-c:a", "libopus"}).
   */
  public static synchronized Path sine(String fileName, String... codecArgs) throws IOException {
    Path out = dir().resolve(fileName);
    if (!Files.exists(out)) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "ffmpeg",
                  "-nostdin",
                  "-v",
                  "error",
                  "-y",
                  "-f",
                  "lavfi",
                  "-i",
                  "sine=frequency=440:duration=1:sample_rate=44100"));
      command.addAll(List.of(codecArgs));
      command.add(out.toString());
      run(command.toArray(String[]::new));
    }
    return out;
  }

  /**
   * An HLS playlist named like an mp3 whose only segment is the absolute path of {@code segment}: a
   * file ffmpeg would read into the output if it accepted playlists.
   */
  public static Path hlsPlaylistAsMp3(Path dir, Path segment) throws IOException {
    Path out = dir.resolve("innocent.mp3");
    Files.writeString(
        out,
        "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n"
            + segment.toAbsolutePath()
            + "\n#EXT-X-ENDLIST\n",
        StandardCharsets.UTF_8);
    return out;
  }

  /** An ffconcat script named like an mp3 listing {@code fileName}, relative to {@code dir}. */
  public static Path ffconcatAsMp3(Path dir, String fileName) throws IOException {
    Path out = dir.resolve("concat.mp3");
    Files.writeString(out, "ffconcat version 1.0\nfile " + fileName + "\n", StandardCharsets.UTF_8);
    return out;
  }

  /** A text file named like an mp3. */
  public static synchronized Path textAsMp3() throws IOException {
    Path out = dir().resolve("not-audio.mp3");
    Files.writeString(out, "This is not audio at all, just some text.\n", StandardCharsets.UTF_8);
    return out;
  }

  /**
   * A valid container with an audio stream of zero samples, made by ffmpeg ({@code anullsrc} for 0
   * s) into {@code fileName}, whose extension picks the container (wav, flac).
   */
  public static synchronized Path emptyAudio(String fileName) throws IOException {
    Path out = dir().resolve("empty-audio-" + fileName);
    if (!Files.exists(out)) {
      run(
          "ffmpeg",
          "-nostdin",
          "-v",
          "error",
          "-y",
          "-f",
          "lavfi",
          "-i",
          "anullsrc=r=16000:cl=mono",
          "-t",
          "0",
          out.toString());
    }
    return out;
  }

  /** A 44-byte canonical WAV header (16 kHz mono s16) whose data chunk has size 0. */
  public static synchronized Path headerOnlyWav() throws IOException {
    Path out = dir().resolve("header-only.wav");
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0);
    Files.write(out, b.array());
    return out;
  }

  /** An empty file named like an mp3. */
  public static synchronized Path emptyMp3() throws IOException {
    Path out = dir().resolve("empty.mp3");
    Files.write(out, new byte[0]);
    return out;
  }

  /** 8 KiB of random bytes named like an mp4: a corrupt file. */
  public static synchronized Path corruptMp4() throws IOException {
    Path out = dir().resolve("corrupt.mp4");
    byte[] junk = new byte[8192];
    new java.util.Random(42).nextBytes(junk);
    // Random bytes behind an mp4 name: nothing ffmpeg can demux.
    Files.write(out, junk);
    return out;
  }

  /** Runs a command, failing on a non-zero exit. Returns its stdout. */
  public static String run(String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("Timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "Failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + out);
    }
    return out;
  }

  /** ffprobe's {@code key=value} lines for the first audio stream and the format. */
  public static List<String> ffprobeAudio(Path file) throws IOException {
    String out =
        run(
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "a:0",
            "-show_entries",
            "stream=codec_name,sample_rate,channels,sample_fmt:format=duration,format_name",
            "-of",
            "default=noprint_wrappers=1",
            file.toString());
    return new ArrayList<>(out.lines().toList());
  }

  private static void deleteQuietly(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
