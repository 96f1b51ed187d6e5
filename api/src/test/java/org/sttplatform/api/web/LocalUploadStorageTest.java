package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;
import org.sttplatform.api.config.SttProperties;

class LocalUploadStorageTest {
  @TempDir Path dataDir;

  @Test
  void sanitizeKeepsLettersOfAnyScriptAndDropsPaths() {
    assertThat(LocalUploadStorage.sanitize("会议 录音.wav")).isEqualTo("会议_录音.wav");
    assertThat(LocalUploadStorage.sanitize("../../etc/passwd")).isEqualTo("passwd");
    assertThat(LocalUploadStorage.sanitize("C:\\Users\\me\\a b.mp3")).isEqualTo("a_b.mp3");
    assertThat(LocalUploadStorage.sanitize(".hidden.mp4")).isEqualTo("hidden.mp4");
    assertThat(LocalUploadStorage.sanitize("..")).isEqualTo("upload");
    assertThat(LocalUploadStorage.sanitize("")).isEqualTo("upload");
    assertThat(LocalUploadStorage.sanitize(null)).isEqualTo("upload");
    assertThat(LocalUploadStorage.sanitize("a\u0000b;rm -rf.ogg")).isEqualTo("a_b_rm_-rf.ogg");
    String longName = "长".repeat(300) + ".mp4";
    String cut = LocalUploadStorage.sanitize(longName);
    assertThat(cut).endsWith(".mp4");
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
  }

  @Test
  void storesUnderItsOwnDirectoryAndDeletesIt() throws Exception {
    LocalUploadStorage storage = new LocalUploadStorage(properties());
    Path stored =
        storage.store(new MockMultipartFile("file_upload", "x.wav", null, new byte[] {1, 2}));
    assertThat(stored).hasBinaryContent(new byte[] {1, 2});
    assertThat(stored.getParent().getParent())
        .isEqualTo(dataDir.resolve("uploads").toAbsolutePath().normalize());

    storage.delete(stored);
    assertThat(stored.getParent()).doesNotExist();
    assertThat(dataDir.resolve("uploads")).exists();
  }

  @Test
  void deleteIgnoresPathsOutsideTheUploads() throws Exception {
    LocalUploadStorage storage = new LocalUploadStorage(properties());
    Path other = Files.createDirectories(dataDir.resolve("work/1"));
    Path file = Files.writeString(other.resolve("a.wav"), "x");
    storage.delete(file);
    storage.delete(dataDir.resolve("uploads"));
    storage.delete(dataDir.resolve("uploads/../work/1/a.wav"));
    Path incoming = Files.createDirectories(dataDir.resolve("uploads/.incoming"));
    storage.delete(Files.writeString(incoming.resolve("part.tmp"), "x"));
    assertThat(incoming.resolve("part.tmp")).exists();
    assertThat(file).exists();
    assertThat(dataDir.resolve("uploads")).exists();
  }

  private SttProperties properties() throws Exception {
    Files.createDirectories(dataDir.resolve("uploads"));
    return new SttProperties(
        dataDir,
        "",
        new SttProperties.Upload(DataSize.ofMegabytes(1)),
        new SttProperties.Query(200),
        null,
        null,
        null);
  }
}
