package org.sttplatform.activities.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.activities.TestMedia;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * Extractions on pre-started ffmpeg processes ({@link WarmFfmpeg}) give what a cold start gives:
 * the same bytes, the same input dump, the same failures (naming the media, not the slot), and
 * leave no process or file behind.
 */
class WarmFfmpegTest {
  private static final FfmpegTools TOOLS = FfmpegTools.onPath();

  @TempDir Path dir;
  private WarmFfmpeg warm;
  private AudioExtractor warmExtractor;
  private final AudioExtractor coldExtractor = new AudioExtractor(TOOLS);

  @BeforeEach
  void pool() {
    warm = new WarmFfmpeg(TOOLS, dir.resolve("warm"));
    warmExtractor = new AudioExtractor(TOOLS, warm);
  }

  @AfterEach
  void close() {
    warm.close();
  }

  @Test
  void aWarmProcessWritesTheSameBytesAndDumpAsAColdStart() throws Exception {
    for (Path media :
        List.of(
            TestMedia.sine("warm-sine.mp3", "-c:a", "libmp3lame", "-b:a", "64k"),
            TestMedia.mp4WithAudio(),
            TestMedia.espeakWav())) {
      for (boolean dump : new boolean[] {false, true}) {
        Path cold = dir.resolve("cold.wav");
        InputDump coldDump = dump ? new InputDump() : null;
        double coldSeconds = extract(coldExtractor, media, cold, coldDump);

        awaitIdle(media, dump);
        int before = warm.taken();
        Path hot = dir.resolve("warm.wav");
        InputDump hotDump = dump ? new InputDump() : null;
        double hotSeconds = extract(warmExtractor, media, hot, hotDump);

        assertThat(warm.taken()).as("%s ran on a warm process", media).isEqualTo(before + 1);
        assertThat(Files.readAllBytes(hot))
            .as("%s, dump %s", media, dump)
            .isEqualTo(Files.readAllBytes(cold));
        assertThat(hotSeconds).isEqualTo(coldSeconds);
        if (dump) {
          Optional<MediaInfo> coldInfo = coldDump.info(Files.size(media), coldSeconds);
          assertThat(coldInfo).isPresent();
          assertThat(hotDump.info(Files.size(media), hotSeconds)).isEqualTo(coldInfo);
        }
      }
    }
    // Six kinds (3 extensions, with and without the dump) were used: the oldest made room.
    assertThat(slotFolders())
        .as("only the idle slots are left")
        .hasSizeLessThanOrEqualTo(WarmFfmpeg.MAX_KINDS);
    assertThat(ffmpegChildren()).hasSizeLessThanOrEqualTo(WarmFfmpeg.MAX_KINDS);
  }

  @Test
  void failuresAreThoseOfAColdStartAndNameTheMedia() throws Exception {
    for (Path media : List.of(TestMedia.videoOnlyMp4(), TestMedia.corruptMp4())) {
      MediaProblem cold = problem(coldExtractor, media);
      awaitIdle(media, false);
      int before = warm.taken();
      MediaProblem hot = problem(warmExtractor, media);
      assertThat(warm.taken()).isEqualTo(before + 1);
      assertThat(hot.type()).isEqualTo(cold.type());
      assertThat(hot.getMessage())
          .isEqualTo(cold.getMessage())
          .doesNotContain(warm.dir().toString());
    }
    assertThat(problem(warmExtractor, TestMedia.videoOnlyMp4()).type())
        .isEqualTo(Failures.NO_AUDIO_STREAM);
  }

  @Test
  void aCancelledExtractionKillsItsProcessAndLeavesNoFile() throws Exception {
    Path media = TestMedia.sine("warm-long.mp3", "-c:a", "libmp3lame", "-b:a", "64k");
    awaitIdle(media, false);
    Path out = dir.resolve("cancelled.wav");
    assertThatThrownBy(
            () ->
                warmExtractor.extract(
                    media,
                    out,
                    AudioConversion.WHISPER,
                    Duration.ofMillis(50),
                    ms -> {
                      throw new IllegalStateException("cancelled");
                    },
                    null))
        .hasMessage("cancelled");
    assertThat(warm.taken()).isEqualTo(1);
    assertThat(out).doesNotExist();
    assertThat(dir).isDirectoryNotContaining("glob:**.part");
    until(() -> warm.hasIdle(WarmFfmpeg.Kind.of(media, false)));
    assertThat(slotFolders()).hasSize(1); // the replacement only
    assertThat(ffmpegChildren()).hasSize(1);
  }

  @Test
  void closeKillsTheIdleProcessesAndANewPoolReleasesThoseOfAGoneJvm() throws Exception {
    Path media = TestMedia.espeakWav();
    extract(warmExtractor, media, dir.resolve("first.wav"), null); // starts the warm one
    until(() -> warm.hasIdle(WarmFfmpeg.Kind.of(media, false)));
    assertThat(ffmpegChildren()).hasSize(1);
    warm.close();
    assertThat(ffmpegChildren()).isEmpty();
    assertThat(slotFolders()).isEmpty();

    // A JVM killed with its warm process waiting: its folder, named for a pid that is gone.
    Path root = dir.resolve("warm");
    String mine = warm.dir().getFileName().toString();
    Path gone = root.resolve(mine.substring(0, mine.lastIndexOf('-') + 1) + Long.MAX_VALUE);
    Path slot = gone.resolve("slot");
    Files.createDirectories(slot);
    Path pipe = slot.resolve("progress");
    TestMedia.run("mkfifo", pipe.toString());
    Process orphan =
        new ProcessBuilder(
                "ffmpeg",
                "-progress",
                pipe.toString(),
                "-i",
                slot.resolve("input").toString(),
                slot.resolve("output.wav").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Thread.sleep(300);
    assertThat(orphan.isAlive()).as("ffmpeg waits on its progress pipe").isTrue();

    warm = new WarmFfmpeg(TOOLS, root);

    assertThat(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(gone).doesNotExist();
  }

  private double extract(AudioExtractor extractor, Path media, Path out, InputDump dump)
      throws MediaProblem {
    return extractor.extract(
        media, out, AudioConversion.WHISPER, Duration.ofMillis(50), ms -> {}, dump);
  }

  private MediaProblem problem(AudioExtractor extractor, Path media) {
    try {
      extract(extractor, media, dir.resolve("refused.wav"), null);
    } catch (MediaProblem p) {
      return p;
    }
    throw new AssertionError(media + " was extracted");
  }

  private void awaitIdle(Path media, boolean dump) {
    // The first extraction of a kind starts the pool's process of that kind.
    WarmFfmpeg.Kind kind = WarmFfmpeg.Kind.of(media, dump);
    if (!warm.hasIdle(kind)) {
      warm.take(kind).ifPresent(slot -> slot.discard());
    }
    until(() -> warm.hasIdle(kind));
  }

  private static void until(java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(end);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private List<Path> slotFolders() throws Exception {
    if (!Files.isDirectory(warm.dir())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(warm.dir())) {
      return s.toList();
    }
  }

  /** This pool's processes (other tests' pools run in this JVM too). */
  private List<ProcessHandle> ffmpegChildren() {
    String folder = warm.dir().toString();
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(args -> String.join(" ", args).contains(folder))
                    .orElse(false))
        .toList();
  }
}
