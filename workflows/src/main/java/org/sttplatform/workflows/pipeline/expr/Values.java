package org.sttplatform.workflows.pipeline.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Operations on Jackson-style values: text, compact JSON, JSON equality, ordering, type names. */
final class Values {
  private static final BigDecimal PLAIN_LIMIT = new BigDecimal("1e21");
  private static final BigDecimal SMALL_LIMIT = new BigDecimal("1e-6");

  private Values() {}

  /** The JSON type name of a value, for messages: string, number, boolean, array, object, null. */
  static String typeName(Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof String) {
      return "string";
    } else if (v instanceof Number) {
      return "number";
    } else if (v instanceof Boolean) {
      return "boolean";
    } else if (v instanceof List) {
      return "array";
    } else if (v instanceof Map) {
      return "object";
    }
    return v.getClass().getSimpleName();
  }

  /** How a value reads inside an interpolated string. */
  static String toText(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Map || v instanceof List) {
      StringBuilder out = new StringBuilder();
      writeJson(v, out);
      return out.toString();
    }
    return scalarJson(v);
  }

  /** A number as JSON writes it; integral doubles without a trailing {@code .0}. */
  static String numberText(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      BigDecimal bd = BigDecimal.valueOf(d).stripTrailingZeros();
      BigDecimal abs = bd.abs();
      if (abs.compareTo(PLAIN_LIMIT) >= 0
          || (abs.signum() != 0 && abs.compareTo(SMALL_LIMIT) < 0)) {
        return Double.toString(d);
      }
      return bd.signum() == 0 ? "0" : bd.toPlainString();
    }
    if (n instanceof BigDecimal bd) {
      return bd.toPlainString();
    }
    return n.toString();
  }

  private static String scalarJson(Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof Number n) {
      String text = numberText(n);
      // JSON has no NaN or Infinity.
      return text.equals("NaN") || text.contains("Infinity") ? "null" : text;
    } else if (v instanceof Boolean b) {
      return b.toString();
    }
    return quote(String.valueOf(v));
  }

  static void writeJson(Object v, StringBuilder out) {
    if (v instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(quote(String.valueOf(e.getKey()))).append(':');
        writeJson(e.getValue(), out);
      }
      out.append('}');
    } else if (v instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeJson(list.get(i), out);
      }
      out.append(']');
    } else {
      out.append(scalarJson(v));
    }
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** JSON equality: numbers by value (1 == 1.0), objects regardless of key order. */
  static boolean jsonEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!jsonEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !jsonEquals(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Number || b instanceof Number) {
      return false;
    }
    return a.equals(b);
  }

  /** Numeric order across Integer, Long, Double, BigDecimal, BigInteger. */
  static int compareNumbers(Number a, Number b) {
    if (!isFinite(a) || !isFinite(b)) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return toBigDecimal(a).compareTo(toBigDecimal(b));
  }

  private static boolean isFinite(Number n) {
    return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
  }

  static BigDecimal toBigDecimal(Number n) {
    if (n instanceof BigDecimal bd) {
      return bd;
    } else if (n instanceof BigInteger bi) {
      return new BigDecimal(bi);
    } else if (n instanceof Double || n instanceof Float) {
      // valueOf uses the shortest decimal that reads back as the double: 0.1 stays 0.1.
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
