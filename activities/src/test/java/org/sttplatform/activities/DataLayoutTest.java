package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLayoutTest {

  @TempDir Path dataDir;
  @TempDir Path elsewhere;

  @Test
  void sanitizesFileNames() {
    assertThat(DataLayout.sanitizeFileName("talk.mp3")).isEqualTo("talk.mp3");
    assertThat(DataLayout.sanitizeFileName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(DataLayout.sanitizeFileName("..\\..\\windows\\win.ini")).isEqualTo("win.ini");
    assertThat(DataLayout.sanitizeFileName("..")).isEqualTo("media");
    assertThat(DataLayout.sanitizeFileName(".hidden.wav")).isEqualTo("hidden.wav");
    assertThat(DataLayout.sanitizeFileName("")).isEqualTo("media");
    assertThat(DataLayout.sanitizeFileName(null)).isEqualTo("media");
    assertThat(DataLayout.sanitizeFileName(".mp3")).isEqualTo("mp3");
    assertThat(DataLayout.sanitizeFileName("a\u0000b\nc|d*e?.MP4")).isEqualTo("a_b_c_d_e_.mp4");
    assertThat(DataLayout.sanitizeFileName("Entretien été  (final).m4a"))
        .isEqualTo("Entretien été (final).m4a");
    assertThat(DataLayout.sanitizeFileName("会议记录.mp3")).isEqualTo("会议记录.mp3");
    assertThat(DataLayout.sanitizeFileName("x.tar.gz")).isEqualTo("x.tar.gz");
    assertThat(DataLayout.sanitizeFileName("weird.ext with space"))
        .isEqualTo("weird.ext with space");
  }

  @Test
  void limitsNameLengthKeepingTheExtension() {
    String name = DataLayout.sanitizeFileName("a".repeat(500) + ".flac");
    assertThat(name).hasSize(DataLayout.MAX_FILE_NAME_LENGTH).endsWith(".flac");
    String wide = DataLayout.sanitizeFileName("録".repeat(300) + ".wav");
    assertThat(wide).endsWith(".wav");
    assertThat(wide.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
  }

  @Test
  void createsFreshUploadFolders() throws Exception {
    DataLayout layout = new DataLayout(dataDir);
    Path a = layout.newUploadFile("../../talk.mp3");
    Path b = layout.newUploadFile("talk.mp3");

    assertThat(a.getFileName().toString()).isEqualTo("talk.mp3");
    assertThat(a.getParent()).isDirectory().hasParent(dataDir.resolve("uploads"));
    assertThat(a.getParent()).isNotEqualTo(b.getParent());
    assertThat(a).doesNotExist();

    Files.writeString(a, "x");
    assertThat(layout.deleteUpload(a)).isTrue();
    assertThat(a.getParent()).doesNotExist();
    assertThat(b.getParent()).isDirectory();
    assertThat(layout.deleteUpload(a)).isFalse();
    assertThat(layout.deleteUpload(b.getParent())).isTrue();
    assertThat(dataDir.resolve("uploads")).isEmptyDirectory();
  }

  @Test
  void workDirs() throws Exception {
    DataLayout layout = new DataLayout(dataDir);
    assertThat(layout.workDir(5)).isEqualTo(dataDir.resolve("work/5"));
    assertThat(layout.audioFile(5)).isEqualTo(dataDir.resolve("work/5/audio.wav"));
    assertThat(layout.transcriptFile(5)).isEqualTo(dataDir.resolve("work/5/transcript.json"));
    Files.writeString(layout.createWorkDir(5).resolve("audio.wav"), "x");
    assertThat(layout.deleteWorkDir(5)).isTrue();
    assertThat(layout.workDir(5)).doesNotExist();
    assertThat(layout.deleteWorkDir(5)).isFalse();
    assertThatThrownBy(() -> layout.workDir(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesPathsOutsideTheDataDirectory() throws Exception {
    DataLayout layout = new DataLayout(dataDir);
    Path victim = Files.createDirectories(elsewhere.resolve("keep"));
    Files.writeString(victim.resolve("file"), "precious");

    assertThatThrownBy(() -> layout.deleteUpload(victim))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.deleteUpload(dataDir.resolve("uploads/../../" + victim)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.deleteUpload(dataDir.resolve("uploads/x/../../..")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.deleteUpload(dataDir.resolve("uploads")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.deleteUpload(dataDir.resolve("work/5")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.deleteUpload(dataDir.resolve("uploads/a/b/c")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.requireInside(dataDir))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.requireInside(Path.of("/etc/passwd")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(layout.contains(dataDir.resolve("work/../../x"))).isFalse();

    // A symbolic link inside the data directory that leads out of it.
    Files.createDirectories(dataDir.resolve("uploads"));
    Path link = Files.createSymbolicLink(dataDir.resolve("uploads/evil"), victim);
    assertThatThrownBy(() -> layout.requireInside(link.resolve("file")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layout.deleteUpload(link.resolve("file")))
        .isInstanceOf(IllegalArgumentException.class);
    // Deleting the link folder itself removes the link, never the target.
    Path linkWork =
        Files.createSymbolicLink(
            Files.createDirectories(dataDir.resolve("work")).resolve("9"), victim);
    assertThat(layout.deleteWorkDir(9)).isTrue();
    assertThat(linkWork).doesNotExist();

    assertThat(victim.resolve("file")).hasContent("precious");
  }

  @Test
  void relativeDataDirIsMadeAbsolute() {
    DataLayout layout = new DataLayout(Path.of("data"));
    assertThat(layout.dataDir()).isAbsolute();
    assertThat(layout.uploadsDir()).isEqualTo(layout.dataDir().resolve("uploads"));
  }
}
