package org.sttplatform.definitions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/** Reads and writes definition JSON with the settings validation relies on. */
public final class DefinitionJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          // Unknown fields are the schema's to report, with their paths.
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
          // A key given twice would otherwise silently keep the last value.
          .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

  private DefinitionJson() {}

  /** The definition as compact JSON (snake_case field names, absent fields left out). */
  public static String write(PipelineDefinition definition) {
    try {
      return MAPPER.writeValueAsString(definition);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write definition " + definition.id(), e);
    }
  }

  /**
   * The JSON tree of {@code text}.
   *
   * @throws MalformedJson with the line and column of the problem
   */
  static JsonNode tree(String text) {
    try {
      JsonNode node = MAPPER.readTree(text == null ? "" : text);
      if (node == null || node.isMissingNode()) {
        throw new MalformedJson("empty document", 1, 1);
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage();
      int cut = message.indexOf('\n');
      throw new MalformedJson(
          cut < 0 ? message : message.substring(0, cut),
          at == null ? -1 : at.getLineNr(),
          at == null ? -1 : at.getColumnNr());
    }
  }

  /** The definition in {@code tree}, or {@code null} if a field has the wrong JSON type. */
  static PipelineDefinition read(JsonNode tree) {
    try {
      return MAPPER.treeToValue(tree, PipelineDefinition.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  static <T> T convert(Object value, Class<T> type) {
    return MAPPER.convertValue(value, type);
  }

  /** Text that is not JSON. */
  static final class MalformedJson extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedJson(String reason, int line, int column) {
      super("malformed JSON at line " + line + ", column " + column + ": " + reason);
    }
  }
}
