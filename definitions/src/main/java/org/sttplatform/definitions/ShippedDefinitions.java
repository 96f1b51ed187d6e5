package org.sttplatform.definitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The definitions this module ships as resources under {@code /definitions/<name>.json}. */
public final class ShippedDefinitions {
  /** Their ids, which are also their file names. */
  public static final List<String> NAMES =
      List.of(
          "transcribe",
          "transcribe_file",
          "url_batch",
          "keywords",
          "subtitles",
          "transcribe_summarize");

  private ShippedDefinitions() {}

  /**
   * The JSON text of a shipped definition.
   *
   * @throws IllegalArgumentException if there is none by that name
   */
  public static String json(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("no shipped definition '" + name + "'; one of " + NAMES);
    }
    String resource = "/definitions/" + name + ".json";
    try (InputStream in = ShippedDefinitions.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
