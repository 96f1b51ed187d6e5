package org.sttplatform.gpu.model;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which models a transcription worker serves, as it says at start: its default (the model of every
 * task that names none), the model files on its disk, and whether it downloads others.
 */
public final class ServedModels {
  private static final String PREFIX = "ggml-";
  private static final String SUFFIX = ".bin";

  private ServedModels() {}

  /** The names of the {@code ggml-<name>.bin} files in the models directory, sorted. */
  public static List<String> onDisk(ModelStoreConfig config) {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(config.modelsDir())) {
      return names;
    }
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(config.modelsDir(), PREFIX + "*" + SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && name.length() > PREFIX.length() + SUFFIX.length()) {
          names.add(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        }
      }
    } catch (IOException e) {
      // Listing is informational: a worker that cannot read its directory still serves downloads.
      return names;
    }
    names.sort(null);
    return names;
  }

  /**
   * One line for the worker's start-up log, e.g. {@code default model 'base' (present at
   * /models/ggml-base.bin); on disk in /models: base, small; other catalog models are downloaded on
   * first use}.
   */
  public static String describe(ModelStore store) {
    ModelStoreConfig config = store.config();
    ModelStatus status = store.status(null);
    StringBuilder line = new StringBuilder();
    line.append("default model '").append(config.defaultModel()).append("' (STT_MODEL): ");
    line.append(status.message());
    List<String> local = onDisk(config);
    line.append("; on disk in ").append(config.modelsDir()).append(" (STT_MODELS_DIR): ");
    line.append(local.isEmpty() ? "none" : String.join(", ", local));
    if (config.downloadEnabled()) {
      line.append(
          "; other catalog models are downloaded on first use (STT_MODEL_DOWNLOAD=true, from"
              + " STT_MODEL_MIRROR)");
    } else {
      line.append("; no other model is served (STT_MODEL_DOWNLOAD=false)");
    }
    return line.toString();
  }
}
