package org.sttplatform.api.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.Transcript;

/**
 * JSON of the {@code decode_options} and {@code result} columns and of transcript files. Uses
 * Jackson 2 ({@code com.fasterxml}), the library the payload records are annotated for, and a
 * mapper of its own: the stored JSON must not change when the web layer's mapper is configured
 * differently.
 */
final class StoreJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private StoreJson() {}

  static String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** A JSON object as a map in document order, or {@code null} for SQL NULL. */
  @SuppressWarnings("unchecked")
  static java.util.Map<String, Object> object(String json) {
    return read(json, java.util.LinkedHashMap.class);
  }

  static DecodeOptions decodeOptions(String json) {
    return read(json, DecodeOptions.class);
  }

  static Transcript transcript(String json) {
    return read(json, Transcript.class);
  }

  /** Reads a transcript file; {@link IOException} if it is missing, unreadable or malformed. */
  static Transcript transcript(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), Transcript.class);
  }

  private static <T> T read(String json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("Stored " + type.getSimpleName() + " JSON is unreadable", e);
    }
  }
}
