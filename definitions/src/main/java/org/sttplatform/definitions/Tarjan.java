package org.sttplatform.definitions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Tarjan's strongly connected components, for cycle reports; nodes are 0..n-1. */
final class Tarjan {
  private final List<Set<Integer>> edges;
  private final int[] index;
  private final int[] low;
  private final boolean[] onStack;
  private final Deque<Integer> stack = new ArrayDeque<>();
  private final List<Set<Integer>> found = new ArrayList<>();
  private int counter;

  Tarjan(List<Set<Integer>> edges) {
    this.edges = edges;
    this.index = new int[edges.size()];
    this.low = new int[edges.size()];
    this.onStack = new boolean[edges.size()];
    Arrays.fill(index, -1);
  }

  /** The components with more than one node, ordered by their smallest node. */
  List<Set<Integer>> components() {
    for (int v = 0; v < edges.size(); v++) {
      if (index[v] < 0) {
        visit(v);
      }
    }
    found.sort((a, b) -> Integer.compare(min(a), min(b)));
    return found;
  }

  private static int min(Set<Integer> s) {
    return s.stream().min(Integer::compare).orElseThrow();
  }

  private void visit(int v) {
    index[v] = counter;
    low[v] = counter;
    counter++;
    stack.push(v);
    onStack[v] = true;
    for (int w : edges.get(v)) {
      if (index[w] < 0) {
        visit(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) {
        low[v] = Math.min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      Set<Integer> component = new LinkedHashSet<>();
      int w;
      do {
        w = stack.pop();
        onStack[w] = false;
        component.add(w);
      } while (w != v);
      if (component.size() > 1) {
        found.add(component);
      }
    }
  }
}
