package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.storage.LocalFileStore;

class LocalUploadStorageTest {
  @TempDir Path dataDir;

  @Test
  void storesUnderItsOwnDirectoryAndDeletesIt() throws Exception {
    LocalUploadStorage storage = new LocalUploadStorage(properties(), new LocalFileStore(dataDir));
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
    LocalUploadStorage storage = new LocalUploadStorage(properties(), new LocalFileStore(dataDir));
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
