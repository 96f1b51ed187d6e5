package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.activities.media.AudioExtractor;
import org.sttplatform.activities.media.FfmpegTools;
import org.sttplatform.activities.media.MediaProblem;
import org.sttplatform.workflows.Failures;

class AudioExtractorTest {

  @TempDir Path dir;

  /**
   * Feeds the espeak WAV through a named pipe over ~1.2 s, so ffmpeg reports progress while it runs
   * and the caller's thread gets ticks with the media time processed.
   */
  @Test
  void ticksWithFfmpegProgressWhileItRuns() throws Exception {
    Path fifo = dir.resolve("slow.wav");
    TestMedia.run("mkfifo", fifo.toString());
    byte[] wav = Files.readAllBytes(TestMedia.espeakWav());
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(fifo)) {
                int chunk = wav.length / 10 + 1;
                for (int off = 0; off < wav.length; off += chunk) {
                  out.write(Arrays.copyOfRange(wav, off, Math.min(wav.length, off + chunk)));
                  out.flush();
                  Thread.sleep(120);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    List<Long> ticks = new CopyOnWriteArrayList<>();
    Thread caller = Thread.currentThread();
    List<Thread> tickThreads = new CopyOnWriteArrayList<>();

    double seconds =
        new AudioExtractor(FfmpegTools.onPath())
            .extract(
                fifo,
                dir.resolve("audio.wav"),
                Duration.ofMillis(50),
                ms -> {
                  ticks.add(ms);
                  tickThreads.add(Thread.currentThread());
                });
    writer.join();

    double expected = (wav.length - 44) / 2.0 / 22050;
    assertThat(seconds).isCloseTo(expected, within(0.1));
    assertThat(ticks).hasSizeGreaterThan(10).isSorted();
    assertThat(ticks.get(ticks.size() - 1)).isGreaterThan(0L);
    assertThat(tickThreads).containsOnly(caller);
    assertThat(dir).isDirectoryNotContaining("glob:**.part");
  }

  /** ffmpeg itself refuses a playlist, even when the probe was skipped. */
  @Test
  void refusesAnHlsPlaylistReferringToALocalFile() throws Exception {
    Path secret = dir.resolve("secret.mp3");
    Files.copy(TestMedia.sine("secret.mp3"), secret);
    Path playlist = TestMedia.hlsPlaylistAsMp3(dir, secret);
    Path output = dir.resolve("audio.wav");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new AudioExtractor(FfmpegTools.onPath())
                    .extract(playlist, output, Duration.ofMillis(50), ms -> {}))
        .isInstanceOfSatisfying(
            MediaProblem.class, p -> assertThat(p.type()).isEqualTo(Failures.BAD_MEDIA))
        .hasMessageContaining("(hls)")
        .hasMessageContaining("playlists");
    assertThat(output).doesNotExist();
  }

  /**
   * A directory whose {@code ffmpeg} and {@code ffprobe} run the real ones through {@code script},
   * a shell fragment ending in a command that uses {@code "$REAL"} and {@code "$@"}.
   */
  private Path wrappedTools(String script) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("ffmpeg", "ffprobe")) {
      Path real = FfmpegTools.onPath().find(tool).orElseThrow();
      Path wrapper = bin.resolve(tool);
      Files.writeString(wrapper, "#!/bin/sh\nREAL='" + real + "'\n" + script + "\n");
      wrapper.toFile().setExecutable(true);
    }
    return bin;
  }

  private Throwable extractWith(Path bin) throws Exception {
    Path input = TestMedia.espeakWav();
    return org.assertj.core.api.Assertions.catchThrowable(
        () ->
            new AudioExtractor(new FfmpegTools(bin))
                .extract(input, dir.resolve("audio.wav"), Duration.ofMillis(50), ms -> {}));
  }

  /** A file size limit (8 KiB) makes writes fail like a full disk: retryable, not bad media. */
  @Test
  void aWriteErrorIsRetryableNotBadMedia() throws Exception {
    Throwable thrown =
        extractWith(wrappedTools("trap '' XFSZ\nulimit -f 16\nexec \"$REAL\" \"$@\""));

    assertThat(thrown)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("File too large")
        .hasMessageNotContaining(dir.toString());
    assertThat(dir).isDirectoryNotContaining("glob:**.wav*");
  }

  /** ffmpeg 5.1 exits 0 when only the trailer cannot be written, e.g. on a full disk. */
  @Test
  void aTrailerWriteErrorAfterExitStatusZeroIsRetryable() throws Exception {
    Throwable thrown =
        extractWith(
            wrappedTools(
                "\"$REAL\" \"$@\" || exit $?\n"
                    + "echo '[error] Error writing trailer of x.wav: No space left on device' >&2"));

    assertThat(thrown)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No space left on device");
    assertThat(dir).isDirectoryNotContaining("glob:**.wav*");
  }

  /** A kill by the system (here SIGXFSZ; in production e.g. the OOM killer) is retried. */
  @Test
  void aKilledFfmpegIsRetryableNotBadMedia() throws Exception {
    Throwable thrown = extractWith(wrappedTools("ulimit -f 16\nexec \"$REAL\" \"$@\""));

    assertThat(thrown)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("status: 153");
  }

  @Test
  void aKilledFfprobeIsRetryableNotBadMedia() throws Exception {
    Path bin = wrappedTools("kill -KILL $$");

    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    // FLAC: a plain PCM WAV would be read without ffprobe.
                    new org.sttplatform.activities.media.MediaProbe(new FfmpegTools(bin))
                        .probe(TestMedia.sine("sine.flac"))))
        .isExactlyInstanceOf(IllegalStateException.class)
        // Jaffree's output reader fails on the missing JSON and interrupts the waiting thread.
        .hasMessageStartingWith("Cannot run ffprobe");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
