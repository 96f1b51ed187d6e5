package org.sttplatform.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for fixtures made once per test JVM and shared by several test classes,
 * which JUnit's {@code @TempDir} (one per class) cannot hold: removed when the JVM exits.
 */
public final class SharedTestDir {

  private SharedTestDir() {}

  /** A new temporary directory, deleted with its contents when the JVM exits. */
  public static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
    return dir;
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
