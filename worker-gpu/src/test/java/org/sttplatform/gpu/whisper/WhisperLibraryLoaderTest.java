package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading from a configured directory. Only one whisper.cpp fits in a JVM, so each case runs {@link
 * LoaderProbe} in a child JVM.
 */
class WhisperLibraryLoaderTest {

  @TempDir Path dir;

  @Test
  void extractionIsIdempotentAndPicksTheCpuVariant() throws IOException {
    Path target = dir.resolve("libwhisper.so.1");
    BundledLibrary.extract("debian-amd64/libwhisper.so.1", target);
    long modified = Files.getLastModifiedTime(target).toMillis();
    BundledLibrary.extract("debian-amd64/libwhisper.so.1", target);
    assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(modified);
    assertThat(Files.size(target)).isEqualTo(542088L);
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).containsExactly(target); // no temp files left behind
    }
  }

  @Test
  void concurrentExtractionsLeaveOneCompleteFile() throws Exception {
    Path target = dir.resolve("libggml.so");
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int k = 0; k < 5; k++) {
                    BundledLibrary.extract("debian-amd64/libggml.so", target);
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
    assertThat(Files.size(target)).isEqualTo(794176L);
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).containsExactly(target);
    }
  }

  @Test
  void aConfiguredDirectoryReplacesTheBundledBuild() throws Exception {
    Path libs = dir.resolve("custom");
    Files.createDirectories(libs);
    BundledLibrary.extract("debian-amd64/libggml.so", libs.resolve("libggml.so"));
    BundledLibrary.extract("debian-amd64/libwhisper.so.1", libs.resolve("libwhisper.so"));
    String out = probe(libs);
    assertThat(out).contains("LOADED from=" + libs.toRealPath()).contains("LANGS=100");
  }

  @Test
  void aDirectoryWithTheWrongLibraryIsRefusedWithAClearMessage() throws Exception {
    Path libs = dir.resolve("wrong");
    Files.createDirectories(libs);
    BundledLibrary.extract("debian-amd64/libggml.so", libs.resolve("libggml.so"));
    // a real shared library that is not libwhisper
    BundledLibrary.extract("debian-amd64/libggml.so", libs.resolve("libwhisper.so"));
    String out = probe(libs);
    assertThat(out).contains("FAILED UnsatisfiedLinkError").contains("missing symbols");
  }

  private static String probe(Path libraryDir) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-D" + WhisperLibraryLoader.LIBRARY_DIR_PROPERTY + "=" + libraryDir.toRealPath());
    cmd.add(LoaderProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
