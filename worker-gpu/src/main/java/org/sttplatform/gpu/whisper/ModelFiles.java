package org.sttplatform.gpu.whisper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the binding reads from a ggml model file before handing it to whisper.cpp. */
final class ModelFiles {

  private ModelFiles() {}

  /** The model name for a file: its name without a {@code ggml-} prefix and {@code .bin}. */
  static String nameOf(Path model) {
    String n = model.getFileName().toString();
    if (n.endsWith(".bin")) {
      n = n.substring(0, n.length() - 4);
    }
    if (n.startsWith("ggml-")) {
      n = n.substring(5);
    }
    return n;
  }

  /**
   * Rejects files whose header would make whisper.cpp assert (abort the JVM) or obviously fail; see
   * {@link WhisperCppRecognizer#checkModelHeader}.
   *
   * @throws IllegalArgumentException the file is missing or its header is not a usable ggml whisper
   *     model's
   */
  static void checkHeader(Path model) {
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("model file not found: " + model);
    }
    byte[] head = new byte[48];
    int n;
    try (InputStream in = Files.newInputStream(model)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + model, e);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (n < head.length || b.getInt(0) != 0x67676d6c) {
      throw new IllegalArgumentException(
          "not a ggml whisper model (bad magic or truncated header): " + model);
    }
    int[] h = new int[11];
    for (int i = 0; i < 11; i++) {
      h[i] = b.getInt(4 + 4 * i);
    }
    for (int i = 0; i < 10; i++) {
      if (h[i] <= 0) {
        throw new IllegalArgumentException("bad hyper-parameter " + i + " in " + model);
      }
    }
    int ftype = h[10] % 1000; // GGML_QNT_VERSION_FACTOR
    if (ftype == 0) {
      throw new IllegalArgumentException(
          "F32 model (ftype 0) in "
              + model
              + ": whisper.cpp 1.7.1 aborts the process on F32 conv weights; use an F16 or"
              + " quantized model");
    }
    if (ftype < 0 || ftype > 24 || ftype == 4 || ftype == 5 || ftype == 6) {
      throw new IllegalArgumentException("unsupported ftype " + h[10] + " in " + model);
    }
    if (h[2] != h[6]) {
      throw new IllegalArgumentException(
          "n_audio_state != n_text_state (" + h[2] + " vs " + h[6] + ") in " + model);
    }
  }
}
