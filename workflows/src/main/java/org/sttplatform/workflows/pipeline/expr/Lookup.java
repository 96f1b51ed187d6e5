package org.sttplatform.workflows.pipeline.expr;

import java.util.List;
import java.util.Map;

/** Finds what a reference points at in a scope. */
final class Lookup {
  /** The value found, or why there is none ({@code missing != null}). */
  record Result(Object value, String missing) {
    boolean found() {
      return missing == null;
    }
  }

  private Lookup() {}

  /** The value, or an {@link ExpressionException} naming the reference and what is missing. */
  static Object value(Reference ref, Scope scope) {
    Result r = find(ref, scope);
    if (!r.found()) {
      throw new ExpressionException("reference " + ref + " cannot be resolved: " + r.missing());
    }
    return r.value();
  }

  static Result find(Reference ref, Scope scope) {
    List<String> path = ref.path();
    Object current;
    int from;
    String where;
    switch (ref.root()) {
      case Reference.INPUTS -> {
        String name = path.get(0);
        if (!scope.inputs().containsKey(name)) {
          return missing("the run has no input '" + name + "'");
        }
        current = scope.inputs().get(name);
        from = 1;
        where = "inputs." + name;
      }
      case Reference.STEPS -> {
        String id = path.get(0);
        Object step = scope.steps().get(id);
        if (!(step instanceof Map<?, ?> record)) {
          return missing("step '" + id + "' has not run");
        }
        current = record.get(path.get(1));
        from = 2;
        where = "steps." + id + "." + path.get(1);
      }
      case Reference.ITEM -> {
        if (scope.index() == null) {
          return missing("item is only defined inside a for_each step");
        }
        current = scope.item();
        from = 0;
        where = "item";
      }
      case Reference.INDEX -> {
        if (scope.index() == null) {
          return missing("index is only defined inside a for_each step");
        }
        return new Result(scope.index(), null);
      }
      default -> throw new IllegalStateException("unknown root " + ref.root());
    }
    for (int i = from; i < path.size(); i++) {
      String segment = path.get(i);
      boolean index = ReferenceSyntax.isIndex(segment);
      if (current instanceof Map<?, ?> map && !index) {
        if (!map.containsKey(segment)) {
          return missing(where + " has no field '" + segment + "'");
        }
        current = map.get(segment);
        where = where + "." + segment;
      } else if (current instanceof List<?> list && index) {
        int n = Integer.parseInt(segment);
        if (n >= list.size()) {
          return missing(
              where + " has " + list.size() + " element(s), so [" + segment + "] is out of range");
        }
        current = list.get(n);
        where = where + "[" + segment + "]";
      } else {
        String wanted = index ? "[" + segment + "]" : "field '" + segment + "'";
        return missing(where + " is " + describe(current) + ", so it has no " + wanted);
      }
    }
    return new Result(current, null);
  }

  private static String describe(Object v) {
    String type = Values.typeName(v);
    return v == null
        ? "null"
        : (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
  }

  private static Result missing(String why) {
    return new Result(null, why);
  }
}
