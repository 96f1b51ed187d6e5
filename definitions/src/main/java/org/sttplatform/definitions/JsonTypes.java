package org.sttplatform.definitions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The JSON types of parameters and inputs, checked against Jackson-style values. */
final class JsonTypes {
  private JsonTypes() {}

  /** Whether {@code value} (not null) has {@code type}; integral numbers count as integers. */
  static boolean matches(String type, Object value) {
    return switch (type) {
      case "any" -> true;
      case "string" -> value instanceof String;
      case "number" -> value instanceof Number;
      case "integer" -> isInteger(value);
      case "boolean" -> value instanceof Boolean;
      case "array" -> value instanceof List;
      case "object" -> value instanceof Map;
      default -> false;
    };
  }

  /** The JSON type name of {@code value}, for messages. */
  static String of(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "a string";
    } else if (isInteger(value)) {
      return "an integer";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof List) {
      return "an array";
    } else if (value instanceof Map) {
      return "an object";
    }
    return value.getClass().getSimpleName();
  }

  private static boolean isInteger(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      return true;
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) && d == Math.rint(d);
    }
    if (v instanceof BigDecimal bd) {
      return bd.stripTrailingZeros().scale() <= 0;
    }
    return false;
  }
}
