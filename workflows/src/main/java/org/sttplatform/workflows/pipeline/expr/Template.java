package org.sttplatform.workflows.pipeline.expr;

import java.util.ArrayList;
import java.util.List;

/** A parameter string split into literal text and {@code ${reference}} parts. */
final class Template {
  /** A literal piece (escapes already applied) or a reference. */
  sealed interface Part permits Text, Ref {}

  record Text(String text) implements Part {}

  record Ref(Reference reference) implements Part {}

  private Template() {}

  /**
   * Splits {@code s}. {@code $${} is a literal {@code ${}; inside {@code ${ }} spaces around the
   * reference are allowed.
   *
   * @throws ExpressionException for an unclosed {@code ${} or a malformed reference, with the
   *     position in {@code s}
   */
  static List<Part> parse(String s) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("$${", i)) {
        text.append("${");
        i += 3;
      } else if (s.startsWith("${", i)) {
        int open = i;
        int j = skipSpaces(s, i + 2);
        if (j >= s.length()) {
          throw new ExpressionException("unclosed '${'", open);
        }
        if (s.charAt(j) == '}') {
          throw new ExpressionException("empty reference '${}'", open);
        }
        ReferenceSyntax.Read read = ReferenceSyntax.read(s, j);
        j = skipSpaces(s, read.end());
        if (j >= s.length()) {
          throw new ExpressionException("unclosed '${': expected '}'", open);
        }
        if (s.charAt(j) != '}') {
          throw new ExpressionException(
              "expected '}' after the reference " + read.reference().text(), j);
        }
        if (!text.isEmpty()) {
          parts.add(new Text(text.toString()));
          text.setLength(0);
        }
        parts.add(new Ref(read.reference()));
        i = j + 1;
      } else {
        text.append(s.charAt(i));
        i++;
      }
    }
    if (!text.isEmpty()) {
      parts.add(new Text(text.toString()));
    }
    return parts;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
