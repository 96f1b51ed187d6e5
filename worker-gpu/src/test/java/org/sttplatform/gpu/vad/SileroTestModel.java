package org.sttplatform.gpu.vad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Silero VAD v5 model for tests, taken from the npm package {@code @ricky0123/vad-web}
 * (MIT; {@code package/dist/silero_vad_v5.onnx}) with {@code npm pack} into {@code
 * ~/.cache/stt-platform/vad/} the first time, so the model is never committed. Without npm the
 * tests fail saying so (never skip): {@code .ci/run} installs it.
 */
public final class SileroTestModel {

  /** Pinned so that every machine tests the same file. */
  static final String PACKAGE = "@ricky0123/vad-web@0.0.31";

  static final String FILE = "silero_vad_v5.onnx";

  private SileroTestModel() {}

  /** The model file, fetched with npm if it is not cached yet. */
  public static synchronized Path path() throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("user.home"), ".cache", "stt-platform", "vad");
    Path model = dir.resolve(FILE);
    if (Files.isRegularFile(model) && Files.size(model) > 0) {
      return model;
    }
    Files.createDirectories(dir);
    Path work = Files.createTempDirectory(dir, "npm-pack-");
    try {
      try {
        run(work, List.of("npm", "pack", "--silent", PACKAGE));
      } catch (IOException e) {
        throw new IOException(
            "The VAD tests need npm to fetch "
                + FILE
                + " from "
                + PACKAGE
                + ": install npm (Debian package 'npm'; .ci/run installs it) or put the file at "
                + model
                + " ("
                + e.getMessage()
                + ")",
            e);
      }
      Path tgz;
      try (var files = Files.list(work)) {
        tgz =
            files
                .filter(p -> p.getFileName().toString().endsWith(".tgz"))
                .findFirst()
                .orElseThrow(() -> new IOException("npm pack " + PACKAGE + " wrote no tarball"));
      }
      run(work, List.of("tar", "-xzf", tgz.toString(), "package/dist/" + FILE));
      Path tmp = Files.createTempFile(dir, FILE, ".tmp");
      Files.move(work.resolve("package/dist/" + FILE), tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, model, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return model;
    } finally {
      deleteTree(work);
    }
  }

  private static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
