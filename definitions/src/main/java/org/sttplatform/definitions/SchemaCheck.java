package org.sttplatform.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sttplatform.workflows.pipeline.Durations;

/** Checks a document against {@code definitions/schema/pipeline-definition.schema.json}. */
final class SchemaCheck {
  /** Where the schema is on the classpath. */
  static final String RESOURCE = "/definitions/schema/pipeline-definition.schema.json";

  private static final Schema SCHEMA = load();

  private SchemaCheck() {}

  private static Schema load() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Problem> check(JsonNode document) {
    List<Problem> problems = new ArrayList<>();
    for (Error error : SCHEMA.validate(document)) {
      problems.add(toProblem(error));
    }
    return problems;
  }

  private static Problem toProblem(Error error) {
    String path = path(error.getInstanceLocation());
    String property = error.getProperty();
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    switch (keyword) {
      case "required":
        return new Problem(JsonPaths.field(path, property), "required field is missing");
      case "additionalProperties":
        return new Problem(JsonPaths.field(path, property), "unknown field '" + property + "'");
      default:
        return new Problem(path, message(error));
    }
  }

  /** The library's message without the location it starts with; durations say what is wrong. */
  private static String message(Error error) {
    if ("pattern".equals(error.getKeyword())
        && error.getArguments() != null
        && Arrays.asList(error.getArguments()).contains(Durations.PATTERN)
        && error.getInstanceNode() != null) {
      try {
        Durations.parse(error.getInstanceNode().asText());
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    String message = error.getMessage();
    String location = error.getInstanceLocation().toString();
    if (message.startsWith(location + ": ")) {
      message = message.substring(location.length() + 2);
    }
    return message;
  }

  private static String path(NodePath location) {
    String path = "$";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer n
              ? JsonPaths.index(path, n)
              : JsonPaths.field(path, String.valueOf(element));
    }
    return path;
  }
}
