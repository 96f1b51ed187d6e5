package org.sttplatform.definitions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sttplatform.workflows.pipeline.definition.StepSpec;

/**
 * The checks across steps: duplicate ids, {@code depends_on}, cycles and {@code on_failure}. The
 * graph joins {@code depends_on} and the implicit dependencies of references (a step that reads
 * {@code ${steps.fetch.output}} runs after {@code fetch}), so cycles are found on both together.
 */
final class GraphChecks {
  private GraphChecks() {}

  /** Runs after {@link StepChecks}, which records the steps each step's references read. */
  static void check(CheckContext c) {
    duplicates(c);
    List<Set<Integer>> edges = edges(c);
    cycles(c, edges);
    onFailure(c, edges);
  }

  private static void duplicates(CheckContext c) {
    for (int i = 0; i < c.steps.size(); i++) {
      StepSpec step = c.steps.get(i);
      if (step != null && step.id() != null && c.stepIndex.get(step.id()) != i) {
        c.add(
            JsonPaths.step(i) + ".id",
            "duplicate step id '"
                + step.id()
                + "' (also at "
                + JsonPaths.step(c.stepIndex.get(step.id()))
                + ")");
      }
    }
  }

  /** Per step index, the indexes of the steps it depends on, explicitly or by reference. */
  private static List<Set<Integer>> edges(CheckContext c) {
    List<Set<Integer>> edges = new ArrayList<>();
    for (int i = 0; i < c.steps.size(); i++) {
      Set<Integer> deps = new LinkedHashSet<>();
      StepSpec step = c.steps.get(i);
      List<String> dependsOn =
          step == null || step.dependsOn() == null ? List.of() : step.dependsOn();
      for (int j = 0; j < dependsOn.size(); j++) {
        String id = dependsOn.get(j);
        String at = JsonPaths.index(JsonPaths.step(i) + ".depends_on", j);
        if (id == null) {
          c.add(at, "must be a step id");
        } else if (id.equals(step.id())) {
          c.add(at, "step '" + id + "' depends on itself");
        } else if (!c.stepIndex.containsKey(id)) {
          c.add(at, "depends on the unknown step '" + id + "'");
        } else {
          deps.add(c.stepIndex.get(id));
        }
      }
      for (String id : c.referencedSteps.get(i)) {
        deps.add(c.stepIndex.get(id));
      }
      edges.add(deps);
    }
    return edges;
  }

  /** One problem per strongly connected component with more than one step (Tarjan). */
  private static void cycles(CheckContext c, List<Set<Integer>> edges) {
    new Tarjan(edges)
        .components()
        .forEach(
            component -> {
              int start = component.stream().min(Integer::compare).orElseThrow();
              List<Integer> cycle = cycleThrough(start, component, edges);
              StringBuilder names = new StringBuilder();
              for (int node : cycle) {
                names.append(c.steps.get(node).id()).append(" → ");
              }
              names.append(c.steps.get(start).id());
              c.add(
                  JsonPaths.step(start),
                  "dependency cycle (each step depends on the next): "
                      + names
                      + " (through depends_on and references to step outputs)");
            });
  }

  /** A path from {@code start} back to it inside its component (depth-first, edge order). */
  private static List<Integer> cycleThrough(
      int start, Set<Integer> component, List<Set<Integer>> edges) {
    Deque<Integer> path = new ArrayDeque<>();
    Set<Integer> seen = new HashSet<>();
    path.addLast(start);
    seen.add(start);
    if (!extend(start, start, component, edges, path, seen)) {
      throw new IllegalStateException("no cycle through " + start);
    }
    return new ArrayList<>(path);
  }

  private static boolean extend(
      int node,
      int start,
      Set<Integer> component,
      List<Set<Integer>> edges,
      Deque<Integer> path,
      Set<Integer> seen) {
    for (int next : edges.get(node)) {
      if (next == start) {
        return true;
      }
      if (component.contains(next) && seen.add(next)) {
        path.addLast(next);
        if (extend(next, start, component, edges, path, seen)) {
          return true;
        }
        path.removeLast();
      }
    }
    return false;
  }

  /**
   * {@code on_failure} names {@code fail}, {@code continue} or a compensating step. A compensating
   * step runs only when the step that names it fails, so it must exist, must not be that step or
   * one of its dependencies (those have already run), and no ordinary step may depend on it.
   */
  private static void onFailure(CheckContext c, List<Set<Integer>> edges) {
    Map<Integer, Integer> compensates = new HashMap<>();
    for (int i = 0; i < c.steps.size(); i++) {
      StepSpec step = c.steps.get(i);
      String target = step == null ? null : step.onFailure();
      if (target == null || target.equals(StepSpec.FAIL) || target.equals(StepSpec.CONTINUE)) {
        continue;
      }
      String at = JsonPaths.step(i) + ".on_failure";
      Integer t = c.stepIndex.get(target);
      if (t == null) {
        c.add(at, "'" + target + "' is neither fail, continue nor a step id (compensating step)");
      } else if (t == i) {
        c.add(at, "a step cannot compensate for itself");
      } else if (ancestors(i, edges).contains(t)) {
        c.add(
            at,
            "compensating step '"
                + target
                + "' is a dependency of '"
                + step.id()
                + "': it runs before '"
                + step.id()
                + "', so it cannot run when it fails");
      } else {
        compensates.putIfAbsent(t, i);
      }
    }
    for (int i = 0; i < c.steps.size(); i++) {
      if (compensates.containsKey(i)) {
        continue;
      }
      for (int dep : edges.get(i)) {
        Integer failing = compensates.get(dep);
        if (failing != null) {
          c.add(
              JsonPaths.step(i),
              "step '"
                  + c.steps.get(i).id()
                  + "' depends on '"
                  + c.steps.get(dep).id()
                  + "', a compensating step that runs only when '"
                  + c.steps.get(failing).id()
                  + "' fails");
        }
      }
    }
  }

  private static Set<Integer> ancestors(int node, List<Set<Integer>> edges) {
    Set<Integer> seen = new HashSet<>();
    Deque<Integer> todo = new ArrayDeque<>(edges.get(node));
    while (!todo.isEmpty()) {
      int next = todo.removeFirst();
      if (seen.add(next)) {
        todo.addAll(edges.get(next));
      }
    }
    return seen;
  }
}
