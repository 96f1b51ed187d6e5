package org.sttplatform.definitions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.definition.InputSpec;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.definition.StepSpec;

/** What the semantic checks share: the definition, its step ids, the problems found so far. */
final class CheckContext {
  final PipelineDefinition definition;
  final ComponentRegistry registry;
  final List<StepSpec> steps;
  final Map<String, InputSpec> inputs;

  /** Step id → index of its first step (a duplicate id is a problem of its own). */
  final Map<String, Integer> stepIndex = new HashMap<>();

  /** Per step index: the steps its references read, which are implicit dependencies. */
  final List<Set<String>> referencedSteps = new ArrayList<>();

  final List<Problem> problems = new ArrayList<>();

  CheckContext(PipelineDefinition definition, ComponentRegistry registry) {
    this.definition = definition;
    this.registry = registry;
    this.steps = definition.steps() == null ? List.of() : definition.steps();
    this.inputs = definition.inputs() == null ? Map.of() : definition.inputs();
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      if (step != null && step.id() != null) {
        stepIndex.putIfAbsent(step.id(), i);
      }
      referencedSteps.add(new LinkedHashSet<>());
    }
  }

  void add(String path, String message) {
    problems.add(new Problem(path, message));
  }
}
