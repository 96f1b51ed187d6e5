package org.sttplatform.workflows.pipeline.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of conditions. Precedence, loosest first: {@code or}, {@code and},
 * {@code not}, comparisons (which do not chain), then operands. {@code ${ ... }} groups like
 * parentheses, so both {@code ${inputs.a == 1}} and {@code ${inputs.a} == 1} read as expected.
 */
final class ConditionParser {
  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

  private enum Kind {
    NUMBER,
    STRING,
    WORD,
    REFERENCE,
    SYMBOL,
    END
  }

  private record Token(Kind kind, String text, Object value, int pos) {
    boolean is(String s) {
      return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(s);
    }

    String describe() {
      return kind == Kind.END ? "the end" : "'" + text + "'";
    }
  }

  private final String src;
  private final List<Token> tokens;
  private final List<Reference> references = new ArrayList<>();
  private int next;

  private ConditionParser(String src) {
    this.src = src;
    this.tokens = tokenize(src);
  }

  static Condition parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ExpressionException("empty condition", 0);
    }
    ConditionParser p = new ConditionParser(text);
    Node root = p.or();
    Token end = p.peek();
    if (end.kind != Kind.END) {
      throw new ExpressionException("unexpected " + end.describe(), end.pos);
    }
    return new Condition(text, root, p.references);
  }

  private Node or() {
    Node left = and();
    while (peek().is("or")) {
      int pos = take().pos;
      left = new Node.Or(left, and(), pos);
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (peek().is("and")) {
      int pos = take().pos;
      left = new Node.And(left, not(), pos);
    }
    return left;
  }

  private Node not() {
    if (peek().is("not")) {
      int pos = take().pos;
      return new Node.Not(not(), pos);
    }
    return comparison();
  }

  private Node comparison() {
    Node left = operand();
    Token t = peek();
    if (t.kind == Kind.SYMBOL && COMPARISONS.contains(t.text)) {
      take();
      Node right = operand();
      Token after = peek();
      if (after.kind == Kind.SYMBOL && COMPARISONS.contains(after.text)) {
        throw new ExpressionException("comparisons do not chain; join them with 'and'", after.pos);
      }
      return new Node.Compare(t.text, left, right, t.pos);
    }
    return left;
  }

  private Node operand() {
    Token t = take();
    switch (t.kind) {
      case NUMBER, STRING -> {
        return new Node.Literal(t.value);
      }
      case REFERENCE -> {
        Reference ref = (Reference) t.value;
        references.add(ref);
        return new Node.Ref(ref);
      }
      case WORD -> {
        switch (t.text) {
          case "true":
            return new Node.Literal(Boolean.TRUE);
          case "false":
            return new Node.Literal(Boolean.FALSE);
          case "null":
            return new Node.Literal(null);
          case "exists":
            expect("(", "after exists");
            Reference ref = referenceArgument("exists");
            expect(")", "to close exists(");
            return new Node.Exists(ref);
          case "len":
            expect("(", "after len");
            Node arg = or();
            expect(")", "to close len(");
            return new Node.Len(arg, t.pos);
          default:
            throw new ExpressionException("unexpected '" + t.text + "'", t.pos);
        }
      }
      case SYMBOL -> {
        if (t.is("(")) {
          Node inner = or();
          expect(")", "to close '(' at position " + t.pos);
          return inner;
        }
        if (t.is("${")) {
          Node inner = or();
          expect("}", "to close '${' at position " + t.pos);
          return inner;
        }
        throw new ExpressionException("unexpected " + t.describe() + "; expected a value", t.pos);
      }
      default -> throw new ExpressionException("unexpected end; expected a value", t.pos);
    }
  }

  /** exists() takes a reference, bare or as {@code ${ref}}. */
  private Reference referenceArgument(String function) {
    boolean wrapped = peek().is("${");
    if (wrapped) {
      take();
    }
    Token t = take();
    if (t.kind != Kind.REFERENCE) {
      throw new ExpressionException(function + "() takes a reference, got " + t.describe(), t.pos);
    }
    if (wrapped) {
      expect("}", "after the reference");
    }
    Reference ref = (Reference) t.value;
    references.add(ref);
    return ref;
  }

  private void expect(String symbol, String why) {
    Token t = take();
    if (!t.is(symbol)) {
      throw new ExpressionException(
          "expected '" + symbol + "' " + why + ", found " + t.describe(), t.pos);
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind != Kind.END) {
      next++;
    }
    return t;
  }

  private static final Set<String> WORDS =
      Set.of("and", "or", "not", "true", "false", "null", "exists", "len");

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("${", i)) {
        out.add(new Token(Kind.SYMBOL, "${", null, i));
        i += 2;
      } else if (c == '(' || c == ')' || c == '}') {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), null, i));
        i++;
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        boolean two = i + 1 < s.length() && s.charAt(i + 1) == '=';
        String op = two ? s.substring(i, i + 2) : String.valueOf(c);
        if (!COMPARISONS.contains(op)) {
          throw new ExpressionException(
              "unknown operator '" + op + "'" + (c == '=' ? "; equality is '=='" : ""), i);
        }
        out.add(new Token(Kind.SYMBOL, op, null, i));
        i += op.length();
      } else if (c == '\'' || c == '"') {
        i = string(s, i, out);
      } else if (isDigit(c) || (c == '-' && i + 1 < s.length() && isDigit(s.charAt(i + 1)))) {
        i = number(s, i, out);
      } else if (ReferenceSyntax.isNameStart(c)) {
        int end = ReferenceSyntax.nameEnd(s, i);
        String word = s.substring(i, end);
        if (WORDS.contains(word)) {
          out.add(new Token(Kind.WORD, word, null, i));
          i = end;
        } else {
          ReferenceSyntax.Read read = ReferenceSyntax.read(s, i);
          out.add(new Token(Kind.REFERENCE, read.reference().text(), read.reference(), i));
          i = read.end();
        }
      } else {
        throw new ExpressionException("unexpected character '" + c + "'", i);
      }
    }
    out.add(new Token(Kind.END, "", null, s.length()));
    return out;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int number(String s, int start, List<Token> out) {
    int i = start;
    if (s.charAt(i) == '-') {
      i++;
    }
    i = digits(s, i);
    boolean integral = true;
    if (i < s.length() && s.charAt(i) == '.') {
      int after = digits(s, i + 1);
      if (after == i + 1) {
        throw new ExpressionException("expected digits after '.'", i + 1);
      }
      i = after;
      integral = false;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int after = digits(s, j);
      if (after == j) {
        throw new ExpressionException("expected an exponent", j);
      }
      i = after;
      integral = false;
    }
    if (i < s.length() && ReferenceSyntax.isNamePart(s.charAt(i))) {
      throw new ExpressionException("malformed number", start);
    }
    String text = s.substring(start, i);
    BigDecimal value = new BigDecimal(text);
    Object number = value;
    if (integral && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
      number = value.longValueExact();
    }
    out.add(new Token(Kind.NUMBER, text, number, start));
    return i;
  }

  private static int digits(String s, int i) {
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int string(String s, int start, List<Token> out) {
    char quote = s.charAt(start);
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= s.length()) {
        throw new ExpressionException("unclosed string", start);
      }
      char c = s.charAt(i);
      if (c == quote) {
        break;
      }
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          throw new ExpressionException("unclosed string", start);
        }
        char e = s.charAt(i + 1);
        switch (e) {
          case '\\', '\'', '"', '/' -> value.append(e);
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          case 'u' -> {
            if (i + 6 > s.length()
                || !s.substring(i + 2, i + 6).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
              throw new ExpressionException("expected four hex digits after \\u", i);
            }
            value.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
            i += 4;
          }
          default -> throw new ExpressionException("unknown escape '\\" + e + "'", i);
        }
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    out.add(new Token(Kind.STRING, s.substring(start, i + 1), value.toString(), start));
    return i + 1;
  }
}
