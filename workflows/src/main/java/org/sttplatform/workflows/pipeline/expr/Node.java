package org.sttplatform.workflows.pipeline.expr;

import java.util.List;
import java.util.Map;

/** The syntax tree of a condition; {@code pos} is the offset of the node's operator or start. */
sealed interface Node {
  Object eval(Scope scope);

  record Literal(Object value) implements Node {
    @Override
    public Object eval(Scope scope) {
      return value;
    }
  }

  record Ref(Reference reference) implements Node {
    @Override
    public Object eval(Scope scope) {
      return Lookup.value(reference, scope);
    }
  }

  /** {@code exists(ref)}: the path resolves to a non-null value. */
  record Exists(Reference reference) implements Node {
    @Override
    public Object eval(Scope scope) {
      Lookup.Result r = Lookup.find(reference, scope);
      return r.found() && r.value() != null;
    }
  }

  /** {@code len(x)}: characters (code points) of a string, elements of a list or map. */
  record Len(Node arg, int pos) implements Node {
    @Override
    public Object eval(Scope scope) {
      Object v = arg.eval(scope);
      if (v instanceof String s) {
        return s.codePointCount(0, s.length());
      } else if (v instanceof List<?> l) {
        return l.size();
      } else if (v instanceof Map<?, ?> m) {
        return m.size();
      }
      throw new ExpressionException(
          "len() needs a string, array or object, got " + Values.typeName(v), pos);
    }
  }

  record Not(Node operand, int pos) implements Node {
    @Override
    public Object eval(Scope scope) {
      return !bool(operand.eval(scope), "not", pos);
    }
  }

  record And(Node left, Node right, int pos) implements Node {
    @Override
    public Object eval(Scope scope) {
      return bool(left.eval(scope), "and", pos) && bool(right.eval(scope), "and", pos);
    }
  }

  record Or(Node left, Node right, int pos) implements Node {
    @Override
    public Object eval(Scope scope) {
      return bool(left.eval(scope), "or", pos) || bool(right.eval(scope), "or", pos);
    }
  }

  record Compare(String op, Node left, Node right, int pos) implements Node {
    @Override
    public Object eval(Scope scope) {
      Object a = left.eval(scope);
      Object b = right.eval(scope);
      switch (op) {
        case "==":
          return Values.jsonEquals(a, b);
        case "!=":
          return !Values.jsonEquals(a, b);
        default:
          int c = order(a, b);
          return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalStateException(op);
          };
      }
    }

    private int order(Object a, Object b) {
      if (a instanceof Number x && b instanceof Number y) {
        return Values.compareNumbers(x, y);
      }
      if (a instanceof String x && b instanceof String y) {
        return x.compareTo(y);
      }
      throw new ExpressionException(
          "cannot compare "
              + Values.typeName(a)
              + " with "
              + Values.typeName(b)
              + " using '"
              + op
              + "': both sides must be numbers or both strings",
          pos);
    }
  }

  private static boolean bool(Object v, String op, int pos) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ExpressionException(
        "'"
            + op
            + "' needs booleans, got "
            + Values.typeName(v)
            + " (use exists() to test presence)",
        pos);
  }
}
