package org.sttplatform.activities.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kokorin.jaffree.ffprobe.FFprobe;
import com.github.kokorin.jaffree.ffprobe.FFprobeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.activities.TestMedia;

/**
 * The Jaffree wrappers return as soon as the process has exited. The tools are wrapped in a script
 * that runs the real ffprobe/ffmpeg and, as its very last step, records the wall-clock time of its
 * exit; the gap is measured from that event. Jaffree's own handler sleeps 100 ms after the exit
 * (shown by the first test), so a gap below 100 ms means the fixed wait is gone.
 */
class PromptJaffreeTest {

  /** Jaffree's fixed wait after the process exits. */
  private static final long JAFFREE_WAIT_MS = 100;

  @TempDir Path dir;

  @Test
  void jaffreesOwnHandlerWaitsAfterTheExit() throws Exception {
    Path bin = wrap("ffprobe");
    FFprobe.atPath(bin).setShowFormat(true).setInput(TestMedia.mp4WithAudio()).execute();
    assertThat(System.currentTimeMillis() - exitMillis()).isGreaterThanOrEqualTo(JAFFREE_WAIT_MS);
  }

  @Test
  void probeReturnsWhenFfprobeHasExited() throws Exception {
    Path bin = wrap("ffprobe");
    FFprobeResult result =
        PromptFFprobe.inDir(bin)
            .setShowFormat(true)
            .setShowStreams(true)
            .setInput(TestMedia.mp4WithAudio())
            .execute();
    long gap = System.currentTimeMillis() - exitMillis();
    assertThat(gap).isLessThan(JAFFREE_WAIT_MS);
    // Same parsing as Jaffree's.
    assertThat(result.getFormat().getFormatName()).startsWith("mov,mp4");
    assertThat(result.getStreams()).hasSize(2);
  }

  @Test
  void mediaProbeReturnsWhenFfprobeHasExited() throws Exception {
    Path bin = wrap("ffprobe");
    new MediaProbe(new FfmpegTools(bin)).probe(TestMedia.mp4WithAudio());
    assertThat(System.currentTimeMillis() - exitMillis()).isLessThan(JAFFREE_WAIT_MS);
  }

  @Test
  void extractorReturnsWhenFfmpegHasExited() throws Exception {
    Path bin = wrap("ffmpeg");
    double seconds =
        new AudioExtractor(new FfmpegTools(bin))
            .extract(
                TestMedia.mp4WithAudio(), dir.resolve("a.wav"), Duration.ofSeconds(2), ms -> {});
    long gap = System.currentTimeMillis() - exitMillis();
    assertThat(gap).isLessThan(JAFFREE_WAIT_MS);
    assertThat(seconds).isBetween(2.9, 3.1);
  }

  @Test
  void abnormalExitStillReportsFfmpegsErrors() throws Exception {
    Path bin = wrap("ffprobe");
    Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new MediaProbe(new FfmpegTools(bin)).probe(junk))
        .isInstanceOf(MediaProblem.class)
        .hasMessageContaining("ffprobe cannot read the file");
  }

  /** A directory holding {@code tool}: the real one, then the exit time into {@code exit-ms}. */
  private Path wrap(String tool) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve(tool);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + tool
            + " \"$@\"\nrc=$?\necho $(($(date +%s%N) / 1000000)) > '"
            + dir.resolve("exit-ms")
            + "'\nexit $rc\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private long exitMillis() throws Exception {
    return Long.parseLong(Files.readString(dir.resolve("exit-ms")).strip());
  }
}
