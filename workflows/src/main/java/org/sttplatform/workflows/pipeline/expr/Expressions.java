package org.sttplatform.workflows.pipeline.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expression language of pipeline definitions: references in parameter values and conditions.
 * Pure and deterministic (no clocks, randomness, I/O or reflection), so workflow code may call it.
 *
 * <p>A parameter string that is exactly one {@code ${ref}} becomes the referenced value itself (a
 * map stays a map); a string with references among text interpolates them: strings as they are,
 * integral doubles without {@code .0}, {@code null} as {@code null}, maps and lists as compact
 * JSON. {@code $${} writes a literal {@code ${}.
 */
public final class Expressions {
  private Expressions() {}

  /**
   * Resolves the references inside {@code value}: strings, and recursively the elements of lists
   * and the values of maps (keys are literal). Other values are returned as they are. The input is
   * not modified; maps keep their key order.
   *
   * @throws ExpressionException if a reference is malformed or its path does not exist in {@code
   *     scope} (the message names the reference)
   */
  public static Object resolve(Object value, Scope scope) {
    if (value instanceof String s) {
      return resolveString(s, scope);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object element : list) {
        out.add(resolve(element, scope));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(e.getKey(), resolve(e.getValue(), scope));
      }
      return out;
    }
    return value;
  }

  /**
   * Parses a condition, e.g. {@code inputs.language == 'en' and exists(steps.probe.output)}.
   *
   * @throws ExpressionException if it is malformed, with the 0-based position
   */
  public static Condition condition(String text) {
    return ConditionParser.parse(text);
  }

  /**
   * The references inside a parameter value (strings, lists, maps), in order of appearance, for
   * validation.
   *
   * @throws ExpressionException if a string holds a malformed reference
   */
  public static List<Reference> references(Object value) {
    List<Reference> out = new ArrayList<>();
    collect(value, out);
    return out;
  }

  /**
   * The reference if {@code text} is exactly one {@code ${ref}} (so it resolves to the referenced
   * value, of any type), else empty (a literal, or text that interpolates into a string).
   *
   * @throws ExpressionException if {@code text} holds a malformed reference
   */
  public static Optional<Reference> singleReference(String text) {
    List<Template.Part> parts = Template.parse(text);
    if (parts.size() == 1 && parts.get(0) instanceof Template.Ref ref) {
      return Optional.of(ref.reference());
    }
    return Optional.empty();
  }

  /**
   * The value a reference points at.
   *
   * @throws ExpressionException naming the reference if its path does not exist in {@code scope}
   */
  public static Object lookup(Reference reference, Scope scope) {
    return Lookup.value(reference, scope);
  }

  private static Object resolveString(String s, Scope scope) {
    if (!s.contains("${")) {
      return s;
    }
    List<Template.Part> parts = Template.parse(s);
    if (parts.size() == 1 && parts.get(0) instanceof Template.Ref ref) {
      return Lookup.value(ref.reference(), scope);
    }
    StringBuilder out = new StringBuilder();
    for (Template.Part part : parts) {
      if (part instanceof Template.Text text) {
        out.append(text.text());
      } else if (part instanceof Template.Ref ref) {
        out.append(Values.toText(Lookup.value(ref.reference(), scope)));
      }
    }
    return out.toString();
  }

  private static void collect(Object value, List<Reference> out) {
    if (value instanceof String s) {
      if (s.contains("${")) {
        for (Template.Part part : Template.parse(s)) {
          if (part instanceof Template.Ref ref) {
            out.add(ref.reference());
          }
        }
      }
    } else if (value instanceof List<?> list) {
      list.forEach(element -> collect(element, out));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(element -> collect(element, out));
    }
  }
}
