package org.sttplatform.api.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.springframework.stereotype.Service;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskPage;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskQuery;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;

/** Lists tasks for {@code query}: validates the filters and pages through the store. */
@Service
class TaskListing {
  private final TaskStore store;
  private final SttProperties properties;

  TaskListing(TaskStore store, SttProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /**
   * A page of tasks.
   *
   * @param params the effective filters, in the order the success envelope echoes them
   * @param tasks the page
   */
  record Listed(Map<String, Object> params, TaskList tasks) {}

  /**
   * @param body the filters, or {@code null} for none
   * @param outputUrl the result URL of a task id
   * @throws ApiException 400 for an unknown field or an invalid filter
   */
  Listed list(TaskQueryRequest body, LongFunction<String> outputUrl) {
    TaskQueryRequest q = body == null ? TaskQueryRequest.empty() : body;
    if (q.unknownFields() != null && !q.unknownFields().isEmpty()) {
      throw ApiException.badRequest(
          "Unknown field(s) %s in the request body; allowed fields: %s"
              .formatted(
                  String.join(
                      ", ", q.unknownFields().keySet().stream().map(k -> "'" + k + "'").toList()),
                  String.join(", ", TaskQueryRequest.FIELDS)));
    }
    TaskStatus status = Params.enumValue("status", q.status(), TaskStatus.class, null);
    TaskPriority priority = Params.enumValue("priority", q.priority(), TaskPriority.class, null);
    Instant after = Params.instant("created_after", q.createdAfter());
    Instant before = Params.instant("created_before", q.createdBefore());
    String language = Params.blankToNull(q.language());
    String engine = Params.blankToNull(q.engineName());
    int maxLimit = properties.query().maxLimit();
    int limit = q.limit() == null ? Math.min(20, maxLimit) : q.limit();
    if (limit < 1) {
      throw ApiException.badRequest("The 'limit' field must be at least 1");
    }
    limit = Math.min(limit, maxLimit);
    int offset = q.offset() == null ? 0 : q.offset();
    if (offset < 0) {
      throw ApiException.badRequest("The 'offset' field must not be negative");
    }
    boolean includeResult = Boolean.TRUE.equals(q.includeResult());

    TaskPage page =
        store.query(
            new TaskQuery(
                status,
                priority,
                after,
                before,
                language,
                engine,
                q.hasResult(),
                q.hasError(),
                limit,
                offset));
    List<TaskView> tasks =
        page.tasks().stream()
            .map(t -> TaskView.of(t, outputUrl.apply(t.id()), includeResult))
            .toList();
    boolean hasMore = (long) offset + limit < page.totalCount();

    Map<String, Object> params = new LinkedHashMap<>();
    params.put("status", TaskView.lower(status));
    params.put("priority", TaskView.lower(priority));
    params.put("created_after", TaskView.time(after));
    params.put("created_before", TaskView.time(before));
    params.put("language", language);
    params.put("engine_name", engine);
    params.put("has_result", q.hasResult());
    params.put("has_error", q.hasError());
    params.put("limit", limit);
    params.put("offset", offset);
    params.put("include_result", includeResult);
    return new Listed(
        params, new TaskList(tasks, page.totalCount(), hasMore, hasMore ? offset + limit : null));
  }
}
