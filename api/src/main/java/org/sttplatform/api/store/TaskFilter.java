package org.sttplatform.api.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code WHERE} clause that selects a {@link TaskQuery}'s tasks, and its parameters in order.
 *
 * @param where {@code " WHERE ..."}, or empty if the query filters nothing
 * @param args the values of the clause's {@code ?} placeholders
 */
record TaskFilter(String where, List<Object> args) {

  /** The filter of {@code query}: one condition per filter it sets, all of them required. */
  static TaskFilter of(TaskQuery query) {
    List<String> conditions = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (query.status() != null) {
      conditions.add("status = ?");
      args.add(TaskRows.name(query.status()));
    }
    if (query.priority() != null) {
      conditions.add("priority = ?");
      args.add(TaskRows.name(query.priority()));
    }
    if (query.createdAfter() != null) {
      conditions.add("created_at >= ?");
      args.add(ceilMillis(query.createdAfter()));
    }
    if (query.createdBefore() != null) {
      conditions.add("created_at < ?");
      args.add(ceilMillis(query.createdBefore()));
    }
    if (query.language() != null) {
      conditions.add("language = ?");
      args.add(TaskRows.lower(query.language()));
    }
    if (query.engineName() != null) {
      conditions.add("engine_name = ?");
      args.add(TaskRows.lower(query.engineName()));
    }
    if (query.hasResult() != null) {
      conditions.add(query.hasResult() ? "result IS NOT NULL" : "result IS NULL");
    }
    if (query.hasError() != null) {
      conditions.add(query.hasError() ? "error_message IS NOT NULL" : "error_message IS NULL");
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return new TaskFilter(where, List.copyOf(args));
  }

  /** The smallest epoch millisecond not before {@code instant}. */
  private static long ceilMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.truncatedTo(ChronoUnit.MILLIS).equals(instant) ? millis : millis + 1;
  }
}
