package org.sttplatform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalFileStoreTest {
  @TempDir Path root;

  @Test
  void aFileUnderTheRootHasARelativeSlashSeparatedKeyThatLeadsBackToIt() throws Exception {
    FileStore store = new LocalFileStore(root);
    Path file = Files.createDirectories(root.resolve("work/runs/r1/a1")).resolve("audio.wav");
    Files.writeString(file, "x");

    String key = store.put(file);

    assertThat(key).isEqualTo("work/runs/r1/a1/audio.wav");
    assertThat(store.localFile(key)).isEqualTo(file);
    // Another node that mounts the same directory elsewhere reads the same file by the key.
    Path elsewhere =
        Files.createSymbolicLink(root.resolveSibling(root.getFileName() + "-mnt"), root);
    assertThat(Files.readString(new LocalFileStore(elsewhere).localFile(key))).isEqualTo("x");
  }

  @Test
  void aFileOutsideTheRootHasNoKey() {
    FileStore store = new LocalFileStore(root.resolve("data"));

    assertThatThrownBy(() -> store.put(root.resolve("other/file.wav")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not inside the data directory");
    assertThatThrownBy(() -> store.put(root.resolve("data")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(root.resolve("data/../data2/x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/etc/passwd",
        "../secret",
        "work/../../secret",
        "work/./x",
        "work//x",
        "work/x/",
        "work\\..\\x",
        "work/\u0000x",
        "work/\nx"
      })
  void aKeyThatCouldLeaveTheRootIsRefused(String key) {
    FileStore store = new LocalFileStore(root);

    assertThatThrownBy(() -> store.localFile(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOverlongKeyIsRefused() {
    assertThatThrownBy(() -> StorageKeys.require("a/".repeat(600) + "b"))
        .hasMessageContaining("at most 1024");
  }
}
