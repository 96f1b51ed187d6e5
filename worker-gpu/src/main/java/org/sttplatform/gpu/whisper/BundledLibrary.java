package org.sttplatform.gpu.whisper;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU build of whisper.cpp bundled in {@code io.github.givimad:whisper-jni:1.7.1}, extracted
 * from the classpath into a cache directory laid out as a {@link LibraryDirectory}.
 */
final class BundledLibrary {

  private static final String RESOURCE_DIR = "debian-amd64/";
  private static final String GGML_AVX2 = "libggml+mf16c+mfma+mavx+mavx2.so";
  private static final String GGML_GENERIC = "libggml.so";

  // under the loader's name, as before these steps had a class of their own
  private static final Logger LOG = LoggerFactory.getLogger(WhisperLibraryLoader.class);

  private BundledLibrary() {}

  /** Whether the CPU has what the AVX2 ggml build was compiled for. */
  static boolean cpuHasAvx2Fma() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags")) {
          Set<String> flags =
              Set.copyOf(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
          return flags.containsAll(List.of("avx", "avx2", "fma", "f16c"));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot read /proc/cpuinfo: {}", e.toString());
    }
    return false;
  }

  /** Extracts the variant for this CPU (if not already there) and returns its directory. */
  static Path extract() {
    if (!Platform.isLinux() || !Platform.is64Bit() || !"x86-64".equals(Platform.ARCH)) {
      throw new UnsatisfiedLinkError(
          "the bundled whisper.cpp build is for Linux x86-64 only (this is "
              + Platform.ARCH
              + "); set "
              + WhisperLibraryLoader.LIBRARY_DIR_ENV
              + " to a directory with a build for this machine");
    }
    boolean avx2 = cpuHasAvx2Fma();
    String variant = avx2 ? "avx2" : "generic";
    Path dir = cacheDir().resolve(variant);
    try {
      Files.createDirectories(dir);
      extract(RESOURCE_DIR + (avx2 ? GGML_AVX2 : GGML_GENERIC), dir.resolve("libggml.so"));
      extract(RESOURCE_DIR + LibraryDirectory.WHISPER, dir.resolve(LibraryDirectory.WHISPER));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract whisper.cpp to " + dir, e);
    }
    return dir;
  }

  static Path cacheDir() {
    String configured = System.getProperty(WhisperLibraryLoader.CACHE_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path home = Path.of(System.getProperty("user.home"), ".cache", "stt-platform", "whisper-1.7.1");
    try {
      Files.createDirectories(home);
      if (Files.isWritable(home)) {
        return home;
      }
    } catch (IOException | SecurityException e) {
      LOG.debug("home cache {} unusable: {}", home, e.toString());
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "stt-platform-" + System.getProperty("user.name", "user"),
        "whisper-1.7.1");
  }

  /** Copies a classpath resource to {@code target} unless an identical file is already there. */
  static void extract(String resource, Path target) throws IOException {
    byte[] bytes;
    try (InputStream in = BundledLibrary.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            "classpath resource "
                + resource
                + " not found (is whisper-jni 1.7.1 on the classpath?)");
      }
      bytes = in.readAllBytes();
    }
    if (Files.isRegularFile(target)
        && Files.size(target) == bytes.length
        && Arrays.equals(Files.readAllBytes(target), bytes)) {
      return;
    }
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
