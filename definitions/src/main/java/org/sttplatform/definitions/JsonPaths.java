package org.sttplatform.definitions;

import java.util.regex.Pattern;

/** Builds the {@code $}-paths of {@link Problem}s. */
final class JsonPaths {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPaths() {}

  static String field(String parent, String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  static String step(int index) {
    return "$.steps[" + index + "]";
  }
}
