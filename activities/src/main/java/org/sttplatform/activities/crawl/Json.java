package org.sttplatform.activities.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lenient reading of platform JSON, whose types drift (numbers as strings, strings or lists, URLs
 * without a scheme).
 */
final class Json {
  /** Big ids stay exact: numbers are read as {@code BigDecimal}s, never doubles. */
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private Json() {}

  /** {@code text} parsed; trailing text after the first value (e.g. {@code ;}) is ignored. */
  static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** The node at {@code path} (object keys), or a missing node. */
  static JsonNode at(JsonNode node, String... path) {
    JsonNode n = node;
    for (String key : path) {
      if (n == null) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      n = n.path(key);
    }
    return n;
  }

  /** A text or number as text; {@code null} if absent, null or blank. */
  static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull() || n.isContainerNode()) {
      return null;
    }
    String s = n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
    return s.isBlank() ? null : s;
  }

  /** A number, or a string of digits, as a long; {@code null} otherwise. */
  static Long number(JsonNode n) {
    String s = text(n);
    if (s == null) {
      return null;
    }
    try {
      return new java.math.BigDecimal(s.strip()).longValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The first element of an array (or the node itself if it is not one). */
  static JsonNode first(JsonNode n) {
    return n != null && n.isArray() ? n.path(0) : n;
  }

  /** An absolute URL: protocol-relative {@code //host/…} gets {@code https:}. */
  static String url(String u) {
    if (u == null) {
      return null;
    }
    return u.startsWith("//") ? "https:" + u : u;
  }

  static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
