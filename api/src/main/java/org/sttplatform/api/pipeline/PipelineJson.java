package org.sttplatform.api.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttplatform.definitions.Problem;

/**
 * JSON helpers of the pipeline endpoints. Uses Jackson 2, the library the definition records and
 * the Temporal payloads are read with, so a stored definition reads back exactly as it was
 * validated.
 */
final class PipelineJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
          .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private PipelineJson() {}

  /** The JSON value of {@code text} (maps keep document order). */
  static Object read(String text) throws JsonProcessingException {
    return MAPPER.readValue(text, Object.class);
  }

  /** A stored JSON object as a map in document order. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    try {
      return MAPPER.readValue(text, LinkedHashMap.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON is unreadable", e);
    }
  }

  /** SHA-256 of the text, as lower-case hex. */
  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** ISO-8601 UTC with milliseconds, like the task endpoints' times. */
  static String time(Instant instant) {
    return instant == null ? null : ISO_MILLIS.format(instant);
  }

  static String time(Long epochMillis) {
    return epochMillis == null ? null : time(Instant.ofEpochMilli(epochMillis));
  }

  /** Problems as {@code [{path, message}]}. */
  static List<Map<String, Object>> problems(List<Problem> problems) {
    return problems.stream()
        .map(
            p -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("path", p.path());
              m.put("message", p.message());
              return m;
            })
        .toList();
  }
}
