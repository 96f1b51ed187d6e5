package org.sttplatform.definitions;

import java.util.List;
import java.util.Optional;
import org.sttplatform.workflows.pipeline.definition.InputSpec;
import org.sttplatform.workflows.pipeline.expr.Condition;
import org.sttplatform.workflows.pipeline.expr.ExpressionException;
import org.sttplatform.workflows.pipeline.expr.Expressions;
import org.sttplatform.workflows.pipeline.expr.Reference;

/** Checks the references of one value against the definition's inputs and steps. */
final class ReferenceChecks {

  /** Where a value sits, which decides what it may reference. */
  enum Place {
    /** A parameter of a for_each step: {@code item} and {@code index} are defined. */
    FOR_EACH_PARAM,
    /** A parameter of a plain step. */
    PARAM,
    /** {@code condition}, {@code for_each.items}, {@code max_concurrency}: once per step. */
    STEP_LEVEL,
    /** The pipeline's outputs, computed when every step has ended. */
    OUTPUT
  }

  private ReferenceChecks() {}

  /**
   * Checks the references inside a parameter or output value; returns them, or {@code null} if the
   * value holds a malformed reference (already reported).
   */
  static List<Reference> value(CheckContext c, String path, Object value, int step, Place place) {
    List<Reference> refs;
    try {
      refs = Expressions.references(value);
    } catch (ExpressionException e) {
      c.add(path, "malformed reference: " + e.getMessage());
      return null;
    }
    refs.forEach(ref -> one(c, path, ref, step, place));
    return refs;
  }

  /** The reference if {@code text} is exactly one; a problem otherwise. */
  static Optional<Reference> single(
      CheckContext c, String path, String text, int step, String what) {
    try {
      Optional<Reference> ref = Expressions.singleReference(text);
      if (ref.isEmpty()) {
        c.add(path, what + " must be one reference such as ${inputs.urls}, got '" + text + "'");
      } else {
        one(c, path, ref.get(), step, Place.STEP_LEVEL);
      }
      return ref;
    } catch (ExpressionException e) {
      c.add(path, "malformed reference: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Parses and checks a condition. */
  static void condition(CheckContext c, String path, String text, int step) {
    Condition condition;
    try {
      condition = Expressions.condition(text);
    } catch (ExpressionException e) {
      c.add(path, "malformed condition: " + e.getMessage());
      return;
    }
    condition.references().forEach(ref -> one(c, path, ref, step, Place.STEP_LEVEL));
  }

  private static void one(CheckContext c, String path, Reference ref, int step, Place place) {
    switch (ref.root()) {
      case Reference.INPUTS -> {
        if (!c.inputs.containsKey(ref.inputName())) {
          c.add(
              path,
              ref
                  + " reads the undeclared input '"
                  + ref.inputName()
                  + "'; declared: "
                  + (c.inputs.isEmpty() ? "none" : String.join(", ", c.inputs.keySet())));
        }
      }
      case Reference.STEPS -> {
        String id = ref.stepId();
        String own = step >= 0 ? c.steps.get(step).id() : null;
        if (!c.stepIndex.containsKey(id)) {
          c.add(path, ref + " reads the unknown step '" + id + "'");
        } else if (id.equals(own)) {
          c.add(path, ref + ": a step cannot read its own output or status");
        } else if (step >= 0) {
          c.referencedSteps.get(step).add(id);
        }
      }
      default -> {
        if (place == Place.FOR_EACH_PARAM) {
          return;
        }
        String why =
            switch (place) {
              case PARAM -> "only inside a for_each step's params";
              case STEP_LEVEL ->
                  "only in the params of a for_each step (condition, for_each.items and"
                      + " max_concurrency are evaluated once per step)";
              default -> "only in a for_each step's params, not in outputs";
            };
        c.add(path, ref + " is defined " + why);
      }
    }
  }

  /** The declared type of the input {@code ref} reads, if it reads an input directly. */
  static Optional<String> inputType(CheckContext c, Reference ref) {
    if (!Reference.INPUTS.equals(ref.root()) || ref.path().size() != 1) {
      return Optional.empty();
    }
    InputSpec spec = c.inputs.get(ref.inputName());
    return spec == null ? Optional.empty() : Optional.ofNullable(spec.type());
  }
}
