package org.sttplatform.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Sorts problems in the order their places appear in the document, whichever check found them. A
 * path that does not exist (a missing field) sorts with its nearest existing ancestor.
 */
final class DocumentOrder {
  private DocumentOrder() {}

  static void sort(List<Problem> problems, JsonNode document) {
    Map<String, Integer> order = new HashMap<>();
    walk(document, "$", order);
    // List.sort is stable: problems at the same place keep the order the checks found them in.
    problems.sort(Comparator.comparingInt(p -> position(p.path(), order)));
  }

  private static void walk(JsonNode node, String path, Map<String, Integer> order) {
    order.put(path, order.size());
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        walk(field.getValue(), JsonPaths.field(path, field.getKey()), order);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), JsonPaths.index(path, i), order);
      }
    }
  }

  private static int position(String path, Map<String, Integer> order) {
    String p = path;
    while (!order.containsKey(p)) {
      String parent = parent(p);
      if (parent == null) {
        return 0;
      }
      p = parent;
    }
    return order.get(p);
  }

  /**
   * {@code $.a.b} → {@code $.a}; {@code $.a[2]} → {@code $.a}; {@code $.a['x y']} → {@code $.a}.
   */
  private static String parent(String path) {
    int cut;
    if (path.endsWith("']")) {
      cut = path.lastIndexOf("['");
    } else {
      cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    }
    return cut <= 0 ? null : path.substring(0, cut);
  }
}
