package org.sttplatform.workflows.pipeline.expr;

import java.util.ArrayList;
import java.util.List;

/** Reads the reference grammar, shared by templates and conditions. */
final class ReferenceSyntax {
  private ReferenceSyntax() {}

  /** A reference and the offset just after it. */
  record Read(Reference reference, int end) {}

  static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  /** The end of the name that starts at {@code start} (a name start character). */
  static int nameEnd(String src, int start) {
    int i = start;
    while (i < src.length() && isNamePart(src.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Reads the reference that starts at {@code start}: a root name, then {@code .name} and {@code
   * [n]} segments; stops at the first character that continues neither.
   */
  static Read read(String src, int start) {
    if (start >= src.length() || !isNameStart(src.charAt(start))) {
      throw new ExpressionException("expected a reference", start);
    }
    int i = nameEnd(src, start);
    String root = src.substring(start, i);
    List<String> path = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '.') {
        int nameStart = i + 1;
        if (nameStart >= src.length() || !isNameStart(src.charAt(nameStart))) {
          throw new ExpressionException("expected a field name after '.'", nameStart);
        }
        i = nameEnd(src, nameStart);
        path.add(src.substring(nameStart, i));
        positions.add(nameStart);
      } else if (c == '[') {
        int digits = i + 1;
        int j = digits;
        while (j < src.length() && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
          j++;
        }
        if (j == digits || j >= src.length() || src.charAt(j) != ']') {
          throw new ExpressionException("expected a list index like [0]", i);
        }
        if (j - digits > 9) {
          throw new ExpressionException("list index too large", digits);
        }
        // Canonical decimal form ("007" -> "7") so equal references compare equal.
        path.add(Integer.toString(Integer.parseInt(src.substring(digits, j))));
        positions.add(i);
        i = j + 1;
      } else {
        break;
      }
    }
    checkShape(root, path, positions, start);
    return new Read(new Reference(src.substring(start, i), root, path), i);
  }

  /** Whether segment {@code s} is a list index. */
  static boolean isIndex(String s) {
    return !s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9';
  }

  private static void checkShape(
      String root, List<String> path, List<Integer> positions, int start) {
    switch (root) {
      case Reference.INPUTS -> {
        if (path.isEmpty() || isIndex(path.get(0))) {
          throw new ExpressionException("expected an input name: inputs.<name>", start);
        }
      }
      case Reference.STEPS -> {
        if (path.isEmpty() || isIndex(path.get(0))) {
          throw new ExpressionException("expected a step id: steps.<id>.output", start);
        }
        if (path.size() < 2 || !(path.get(1).equals("output") || path.get(1).equals("status"))) {
          int at = path.size() < 2 ? start : positions.get(1);
          throw new ExpressionException(
              "expected steps." + path.get(0) + ".output or steps." + path.get(0) + ".status", at);
        }
        if (path.get(1).equals("status") && path.size() > 2) {
          throw new ExpressionException(
              "a step's status is a string and has no fields", positions.get(2));
        }
      }
      case Reference.ITEM -> {
        // item is the element itself: any path below it.
      }
      case Reference.INDEX -> {
        if (!path.isEmpty()) {
          throw new ExpressionException("index is a number and has no fields", positions.get(0));
        }
      }
      default ->
          throw new ExpressionException(
              "unknown name '" + root + "': a reference starts with inputs, steps, item or index",
              start);
    }
  }
}
