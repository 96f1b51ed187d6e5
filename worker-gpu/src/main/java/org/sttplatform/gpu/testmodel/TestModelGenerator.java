package org.sttplatform.gpu.testmodel;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a random-weight multilingual Whisper model in the ggml format that whisper.cpp v1.7.1's
 * {@code whisper_model_load} accepts: magic, 11 int32 hyper-parameters, a Slaney mel filterbank, a
 * synthetic vocabulary and every tensor the loader expects (F16 matrices and conv weights, F32 1-D
 * tensors, positional embeddings and conv biases). The output runs real inference and produces
 * (meaningless) text; it exists for tests and benchmarks, since no real Whisper weights are
 * reachable from the build.
 *
 * <p>Command line: {@code --preset micro|tiny --out FILE [--seed N]}.
 */
public final class TestModelGenerator {

  /** Model dimensions. */
  public enum Preset {
    /** state 64, 2 heads, 1 layer: about 8 MB, for unit tests. */
    MICRO(64, 2, 1),
    /** state 384, 6 heads, 4 layers (the dimensions of Whisper tiny): about 78 MB. */
    TINY(384, 6, 4);

    final int state;
    final int heads;
    final int layers;

    Preset(int state, int heads, int layers) {
      this.state = state;
      this.heads = heads;
      this.layers = layers;
    }
  }

  private TestModelGenerator() {}

  /** Command-line entry point. */
  public static void main(String[] args) throws IOException {
    Preset preset = null;
    Path out = null;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        usage("missing value for " + a);
      }
      switch (a) {
        case "--preset" -> {
          String name = args[++i];
          try {
            preset = Preset.valueOf(name.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            usage("unknown preset " + name);
          }
        }
        case "--out" -> out = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> usage("unknown argument " + a);
      }
    }
    if (preset == null || out == null) {
      usage("--preset and --out are required");
    }
    long t0 = System.nanoTime();
    generate(preset, out, seed);
    System.out.printf(
        Locale.ROOT,
        "wrote %s (%s, seed %d): %d bytes in %.2f s%n",
        out,
        preset.name().toLowerCase(Locale.ROOT),
        seed,
        Files.size(out),
        (System.nanoTime() - t0) / 1e9);
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: TestModelGenerator --preset micro|tiny --out FILE [--seed N]");
    System.exit(2);
  }

  /**
   * Writes the model to {@code out} (via a temporary file in the same directory, then moved into
   * place). The same preset and seed always give the same bytes.
   */
  public static void generate(Preset preset, Path out, long seed) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".part");
    try {
      try (GgmlWriter w =
          new GgmlWriter(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
        ModelLayout.write(preset, w, new SplittableRandom(seed));
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
