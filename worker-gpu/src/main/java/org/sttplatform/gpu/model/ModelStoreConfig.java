package org.sttplatform.gpu.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where models come from.
 *
 * @param modelsDir directory holding {@code ggml-<name>.bin} files; downloads land here
 * @param defaultModel the model used when a request names none
 * @param modelPath an explicit file for {@code defaultModel} (wins over {@code modelsDir}), or
 *     {@code null}
 * @param downloadEnabled whether missing models are downloaded on first use
 * @param mirrorUrl base URL the files are downloaded from ({@code <mirrorUrl>/ggml-<name>.bin}), or
 *     {@code null} for {@link ModelCatalog#DEFAULT_MIRROR}
 * @param checksums SHA-1 checksums (hex) by model name that override or extend the official table
 */
public record ModelStoreConfig(
    Path modelsDir,
    String defaultModel,
    Path modelPath,
    boolean downloadEnabled,
    String mirrorUrl,
    Map<String, String> checksums) {

  public ModelStoreConfig {
    if (modelsDir == null) {
      throw new IllegalArgumentException("modelsDir is required");
    }
    modelsDir = modelsDir.toAbsolutePath().normalize();
    modelPath = modelPath == null ? null : modelPath.toAbsolutePath().normalize();
    defaultModel = ModelCatalog.normalize(defaultModel == null ? "base" : defaultModel);
    if (mirrorUrl != null) {
      mirrorUrl = mirrorUrl.strip();
      while (mirrorUrl.endsWith("/")) {
        mirrorUrl = mirrorUrl.substring(0, mirrorUrl.length() - 1);
      }
      if (mirrorUrl.isEmpty()) {
        mirrorUrl = null;
      }
    }
    checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
  }

  /** The mirror in use. */
  public String effectiveMirror() {
    return mirrorUrl == null ? ModelCatalog.DEFAULT_MIRROR : mirrorUrl;
  }
}
