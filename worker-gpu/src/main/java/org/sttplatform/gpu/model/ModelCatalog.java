package org.sttplatform.gpu.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The official whisper.cpp ggml models: their names, file names, download location and SHA-1
 * checksums, as published in whisper.cpp's {@code models/download-ggml-model.sh} and {@code
 * models/README.md}.
 */
public final class ModelCatalog {

  /** Where whisper.cpp's own download script gets the models from. */
  public static final String DEFAULT_MIRROR =
      "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";

  /** Where the tinydiarize models ({@code -tdrz}) live by default. */
  static final String TDRZ_MIRROR =
      "https://huggingface.co/akashmjn/tinydiarize-whisper.cpp/resolve/main";

  /** The models whisper.cpp's download script offers, in its order. */
  public static final List<String> KNOWN_MODELS =
      List.of(
          "tiny",
          "tiny.en",
          "tiny-q5_1",
          "tiny.en-q5_1",
          "tiny-q8_0",
          "base",
          "base.en",
          "base-q5_1",
          "base.en-q5_1",
          "base-q8_0",
          "small",
          "small.en",
          "small.en-tdrz",
          "small-q5_1",
          "small.en-q5_1",
          "small-q8_0",
          "medium",
          "medium.en",
          "medium-q5_0",
          "medium.en-q5_0",
          "medium-q8_0",
          "large-v1",
          "large-v2",
          "large-v2-q5_0",
          "large-v2-q8_0",
          "large-v3",
          "large-v3-q5_0",
          "large-v3-turbo",
          "large-v3-turbo-q5_0",
          "large-v3-turbo-q8_0");

  /** SHA-1 of the official files, from whisper.cpp's models/README.md. */
  private static final Map<String, String> SHA1 = new LinkedHashMap<>();

  static {
    SHA1.put("tiny", "bd577a113a864445d4c299885e0cb97d4ba92b5f");
    SHA1.put("tiny.en", "c78c86eb1a8faa21b369bcd33207cc90d64ae9df");
    SHA1.put("base", "465707469ff3a37a2b9b8d8f89f2f99de7299dac");
    SHA1.put("base.en", "137c40403d78fd54d454da0f9bd998f78703390c");
    SHA1.put("small", "55356645c2b361a969dfd0ef2c5a50d530afd8d5");
    SHA1.put("small.en", "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022");
    SHA1.put("small.en-tdrz", "b6c6e7e89af1a35c08e6de56b66ca6a02a2fdfa1");
    SHA1.put("medium", "fd9727b6e1217c2f614f9b698455c4ffd82463b4");
    SHA1.put("medium.en", "8c30f0e44ce9560643ebd10bbe50cd20eafd3723");
    SHA1.put("large-v1", "b1caaf735c4cc1429223d5a74f0f4d0b9b59a299");
    SHA1.put("large-v2", "0f4c8e34f21cf1a914c59d8b3ce882345ad349d6");
    SHA1.put("large-v2-q5_0", "00e39f2196344e901b3a2bd5814807a769bd1630");
    SHA1.put("large-v3", "ad82bf6a9043ceed055076d0fd39f5f186ff8062");
    SHA1.put("large-v3-q5_0", "e6e2ed78495d403bef4b7cff42ef4aaadcfea8de");
    SHA1.put("large-v3-turbo", "4af2b29d7ec73d781377bfd1758ca957a807e941");
    SHA1.put("large-v3-turbo-q5_0", "e050f7970618a659205450ad97eb95a18d69c9ee");
  }

  /** OpenAI-style aliases accepted for convenience. */
  private static final Map<String, String> ALIASES =
      Map.of("large", "large-v3", "turbo", "large-v3-turbo");

  /** A name that is safe as part of a file name: no separators, no leading dot. */
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private ModelCatalog() {}

  /**
   * The canonical model name: trimmed, {@code ggml-<name>.bin} reduced to {@code <name>}, aliases
   * ({@code large}, {@code turbo}) resolved.
   *
   * @throws IllegalArgumentException if the name is empty or could escape the models directory
   */
  public static String normalize(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("model name is empty");
    }
    String n = name.trim();
    if (n.startsWith("ggml-") && n.endsWith(".bin") && n.length() > 9) {
      n = n.substring(5, n.length() - 4);
    }
    n = ALIASES.getOrDefault(n.toLowerCase(Locale.ROOT), n);
    if (!SAFE_NAME.matcher(n).matches() || n.contains("..")) {
      throw new IllegalArgumentException("invalid model name '" + name + "'");
    }
    return n;
  }

  /** {@code ggml-<name>.bin}. */
  public static String fileName(String model) {
    return "ggml-" + model + ".bin";
  }

  /** Whether whisper.cpp's download script knows the model. */
  public static boolean isKnown(String model) {
    return KNOWN_MODELS.contains(model);
  }

  /** The official SHA-1 of the model file, if whisper.cpp publishes one. */
  public static Optional<String> officialSha1(String model) {
    return Optional.ofNullable(SHA1.get(model));
  }
}
