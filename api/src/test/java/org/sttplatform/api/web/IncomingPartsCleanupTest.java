package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.sttplatform.api.config.SttProperties;

/** Part files a crash left in {@code uploads/.incoming} are removed when the API starts. */
class IncomingPartsCleanupTest {
  @TempDir Path dataDir;

  @Test
  void leftoverPartsAreRemovedWhenTheMultipartResolverIsCreated() throws Exception {
    Path incoming = Files.createDirectories(dataDir.resolve("uploads/.incoming"));
    Path part = Files.writeString(incoming.resolve("upload_1234_00000001.tmp"), "half a file");
    Path nested = Files.createDirectories(incoming.resolve("odd-dir"));
    Files.writeString(nested.resolve("x.tmp"), "x");
    Files.setLastModifiedTime(part, FileTime.from(Instant.now().minusSeconds(3600)));
    Path upload = Files.createDirectories(dataDir.resolve("uploads/some-uuid"));
    Path kept = Files.writeString(upload.resolve("a.wav"), "a stored upload");

    new WebConfig().multipartResolver(properties(), DataSize.ofKilobytes(2), 50);

    assertThat(incoming).isDirectory().isEmptyDirectory();
    assertThat(kept).exists();
  }

  @Test
  void removesOnlyWhatIsOlderThanTheCleanup() throws Exception {
    Path incoming = Files.createDirectories(dataDir.resolve("uploads/.incoming"));
    Path old = Files.writeString(incoming.resolve("old.tmp"), "x");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(60)));
    Path fresh = Files.writeString(incoming.resolve("fresh.tmp"), "x");
    Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().plusSeconds(60)));

    assertThat(IncomingParts.removeLeftovers(incoming, Instant.now())).isEqualTo(1);
    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
  }

  @Test
  void aMissingDirectoryIsCreated() {
    new WebConfig().multipartResolver(properties(), DataSize.ofKilobytes(2), 50);
    assertThat(dataDir.resolve("uploads/.incoming")).isDirectory();
  }

  private SttProperties properties() {
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
