package org.sttplatform.workflows.pipeline.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.definition.StepSpec;
import org.sttplatform.workflows.pipeline.expr.Expressions;
import org.sttplatform.workflows.pipeline.expr.Reference;

/**
 * The steps' dependencies: those {@code depends_on} names and those their references imply (a step
 * that reads {@code ${steps.a.output}} runs after {@code a}). Compensating steps (named by another
 * step's {@code on_failure}) only run when that step fails.
 */
final class StepGraph {
  private final Map<String, Set<String>> dependencies;
  private final Set<String> compensators;

  private StepGraph(Map<String, Set<String>> dependencies, Set<String> compensators) {
    this.dependencies = dependencies;
    this.compensators = compensators;
  }

  static StepGraph of(PipelineDefinition definition) {
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    Set<String> compensators = new LinkedHashSet<>();
    for (StepSpec step : definition.steps()) {
      Set<String> own = new LinkedHashSet<>();
      if (step.dependsOn() != null) {
        own.addAll(step.dependsOn());
      }
      List<Reference> refs = new ArrayList<>(Expressions.references(step.params()));
      if (step.condition() != null) {
        refs.addAll(Expressions.condition(step.condition()).references());
      }
      if (step.forEach() != null) {
        refs.addAll(Expressions.references(step.forEach().items()));
      }
      for (Reference ref : refs) {
        if ("steps".equals(ref.root()) && !ref.path().isEmpty()) {
          own.add(ref.path().get(0));
        }
      }
      own.remove(step.id());
      deps.put(step.id(), own);
      String onFailure = step.onFailure();
      if (onFailure != null
          && !StepSpec.FAIL.equals(onFailure)
          && !StepSpec.CONTINUE.equals(onFailure)) {
        compensators.add(onFailure);
      }
    }
    return new StepGraph(deps, compensators);
  }

  /** The steps {@code stepId} waits for. */
  Set<String> dependencies(String stepId) {
    return dependencies.getOrDefault(stepId, Set.of());
  }

  /** Whether {@code stepId} only runs to compensate another step's failure. */
  boolean isCompensator(String stepId) {
    return compensators.contains(stepId);
  }
}
