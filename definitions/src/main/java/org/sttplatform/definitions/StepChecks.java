package org.sttplatform.definitions;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sttplatform.definitions.ReferenceChecks.Place;
import org.sttplatform.workflows.pipeline.Durations;
import org.sttplatform.workflows.pipeline.component.ComponentSpec;
import org.sttplatform.workflows.pipeline.component.ParamSpec;
import org.sttplatform.workflows.pipeline.definition.ForEachSpec;
import org.sttplatform.workflows.pipeline.definition.RetrySpec;
import org.sttplatform.workflows.pipeline.definition.StepSpec;
import org.sttplatform.workflows.pipeline.expr.ExpressionException;
import org.sttplatform.workflows.pipeline.expr.Expressions;
import org.sttplatform.workflows.pipeline.expr.Reference;

/** The checks of one step on its own: component, parameters, references, durations, for_each. */
final class StepChecks {
  private static final Set<String> RESERVED_IDS = Set.of(StepSpec.FAIL, StepSpec.CONTINUE);

  private StepChecks() {}

  static void check(CheckContext c, int i) {
    StepSpec step = c.steps.get(i);
    String at = JsonPaths.step(i);
    if (step == null) {
      c.add(at, "a step must be an object");
      return;
    }
    if (step.id() == null) {
      c.add(at + ".id", "required field is missing");
    } else if (RESERVED_IDS.contains(step.id())) {
      c.add(at + ".id", "'" + step.id() + "' is reserved for on_failure; choose another step id");
    }
    Place place = step.forEach() == null ? Place.PARAM : Place.FOR_EACH_PARAM;
    params(c, i, step, place);
    if (step.condition() != null) {
      ReferenceChecks.condition(c, at + ".condition", step.condition(), i);
    }
    duration(c, at + ".timeout", step.timeout());
    duration(c, at + ".delay", step.delay());
    if (step.retry() != null) {
      retry(c, at + ".retry", step.retry());
    }
    if (step.forEach() != null) {
      forEach(c, i, at + ".for_each", step.forEach());
    }
  }

  private static void params(CheckContext c, int i, StepSpec step, Place place) {
    String at = JsonPaths.step(i);
    Map<String, Object> params = step.params() == null ? Map.of() : step.params();
    if (step.component() == null) {
      c.add(at + ".component", "required field is missing");
    }
    Optional<ComponentSpec> found = c.registry.find(step.component());
    if (step.component() != null && found.isEmpty()) {
      String known = c.registry.all().stream().map(ComponentSpec::name).collect(joining());
      c.add(at + ".component", "unknown component '" + step.component() + "'; known: " + known);
    }
    for (Map.Entry<String, Object> param : params.entrySet()) {
      String path = JsonPaths.field(at + ".params", param.getKey());
      boolean wellFormed = ReferenceChecks.value(c, path, param.getValue(), i, place) != null;
      if (found.isPresent()) {
        ComponentSpec component = found.get();
        ParamSpec spec = component.params().get(param.getKey());
        if (spec == null) {
          String has =
              component.params().isEmpty()
                  ? "none"
                  : component.params().keySet().stream().sorted().collect(joining());
          c.add(
              path,
              "unknown parameter '"
                  + param.getKey()
                  + "' of component '"
                  + component.name()
                  + "'; its parameters: "
                  + has);
        } else if (wellFormed) {
          literalType(c, path, component, param.getKey(), spec, param.getValue());
        }
      }
    }
    found.ifPresent(
        component ->
            component.params().entrySet().stream()
                .filter(e -> e.getValue().required() && !params.containsKey(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                    e ->
                        c.add(
                            at + ".params",
                            "missing required parameter '"
                                + e.getKey()
                                + "' ("
                                + e.getValue().type()
                                + ") of component '"
                                + component.name()
                                + "'")));
  }

  /** A literal's JSON type; a whole-string reference's type is only known at run time. */
  private static void literalType(
      CheckContext c, String path, ComponentSpec component, String name, ParamSpec spec, Object v) {
    if (v == null) {
      if (spec.required()) {
        c.add(path, "required parameter '" + name + "' cannot be null");
      }
      return;
    }
    if (v instanceof String s && isSingleReference(s)) {
      return;
    }
    if (!JsonTypes.matches(spec.type(), v)) {
      c.add(
          path,
          "parameter '"
              + name
              + "' of component '"
              + component.name()
              + "' must be "
              + article(spec.type())
              + ", got "
              + JsonTypes.of(v));
    } else if (component.kind() == ComponentSpec.Kind.TIMER
        && v instanceof String s
        && !s.contains("${")) {
      // A wait's duration is read by the workflow: a typo would only fail the run.
      duration(c, path, s);
    }
  }

  private static boolean isSingleReference(String s) {
    try {
      return Expressions.singleReference(s).isPresent();
    } catch (ExpressionException e) {
      return false; // reported by the reference check
    }
  }

  private static Duration duration(CheckContext c, String path, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      c.add(path, e.getMessage());
      return null;
    }
  }

  private static void retry(CheckContext c, String at, RetrySpec retry) {
    if (retry.maxAttempts() != null && retry.maxAttempts() < 1) {
      c.add(at + ".max_attempts", "must be at least 1 (1: no retry)");
    }
    if (retry.backoff() != null && retry.backoff() < 1) {
      c.add(at + ".backoff", "must be at least 1");
    }
    Duration initial = duration(c, at + ".initial_interval", retry.initialInterval());
    Duration max = duration(c, at + ".max_interval", retry.maxInterval());
    if (initial != null && max != null && max.compareTo(initial) < 0) {
      c.add(
          at + ".max_interval",
          "max_interval "
              + retry.maxInterval()
              + " is shorter than initial_interval "
              + retry.initialInterval());
    }
  }

  private static void forEach(CheckContext c, int i, String at, ForEachSpec forEach) {
    if (forEach.items() == null) {
      c.add(at + ".items", "required field is missing");
    } else {
      Optional<Reference> items =
          ReferenceChecks.single(c, at + ".items", forEach.items(), i, "for_each.items");
      items
          .flatMap(ref -> ReferenceChecks.inputType(c, ref))
          .filter(type -> !type.equals("array") && !type.equals("any"))
          .ifPresent(
              type ->
                  c.add(
                      at + ".items",
                      "for_each.items reads input '"
                          + items.get().inputName()
                          + "', declared as "
                          + type
                          + "; it needs an array"));
    }
    if (forEach.maxConcurrency() != null && forEach.maxConcurrency() < 1) {
      c.add(at + ".max_concurrency", "must be at least 1");
    }
    if (forEach.maxConcurrencyRef() != null) {
      Optional<Reference> ref =
          ReferenceChecks.single(
              c, at + ".max_concurrency", forEach.maxConcurrencyRef(), i, "max_concurrency");
      ref.flatMap(r -> ReferenceChecks.inputType(c, r))
          .filter(type -> !Set.of("integer", "number", "any").contains(type))
          .ifPresent(
              type ->
                  c.add(
                      at + ".max_concurrency",
                      "max_concurrency reads input '"
                          + ref.get().inputName()
                          + "', declared as "
                          + type
                          + "; it needs an integer"));
    }
  }

  private static String article(String type) {
    return (type.startsWith("a") || type.startsWith("o") || type.startsWith("i") ? "an " : "a ")
        + type;
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }
}
