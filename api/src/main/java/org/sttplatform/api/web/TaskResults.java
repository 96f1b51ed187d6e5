package org.sttplatform.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.sttplatform.api.store.CrawledPostStore;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.workflow.TaskWorkflows;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.TaskStages;

/** Looks up a task for {@code result}: a finished task, or its live progress as a 202. */
@Service
class TaskResults {
  private static final Logger log = LoggerFactory.getLogger(TaskResults.class);

  static final String MSG_NOT_FOUND = "Task not found or has been deleted or invalid task ID";
  static final String MSG_QUEUED = "Task is queued and not started yet";
  static final String MSG_PROCESSING = "Task is currently being processed";

  private final TaskStore store;
  private final TaskWorkflows workflows;
  private final CrawledPostStore crawled;

  TaskResults(TaskStore store, TaskWorkflows workflows, CrawledPostStore crawled) {
    this.store = store;
    this.workflows = workflows;
    this.crawled = crawled;
  }

  /**
   * The crawled post of a task created by a {@code video_task} endpoint, as the result shows it
   * ({@code raw} holds the platform's JSON when it was saved), or {@code null}.
   */
  Map<String, Object> crawl(long id) {
    return crawled.find(id).map(CrawlViews::of).orElse(null);
  }

  /**
   * @return the task, completed or failed
   * @throws ApiException 404 for an unknown task; 202 for a queued or running one, with its stage
   *     and progress (live from the workflow when it answers, else as last stored)
   */
  TaskRecord finished(long id) {
    TaskRecord task = find(id);
    if (task.status() == TaskStatus.QUEUED || task.status() == TaskStatus.PROCESSING) {
      Optional<TaskProgress> live;
      try {
        live = workflows.progress(id);
      } catch (RuntimeException e) {
        log.warn("Could not query the progress of task {}", id, e);
        live = Optional.empty();
      }
      // The workflow is ahead of the row, which it updates after each stage starts.
      boolean started =
          task.status() == TaskStatus.PROCESSING
              || live.map(p -> !TaskStages.QUEUED.equals(p.stage())).orElse(false);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("task_id", id);
      extra.put("status", TaskView.lower(started ? TaskStatus.PROCESSING : TaskStatus.QUEUED));
      extra.put("stage", live.map(TaskProgress::stage).orElse(task.stage()));
      extra.put("progress", live.map(TaskProgress::progress).orElse(task.progress()));
      if (!started) {
        // 0: the next one the workers take
        extra.put("queue_position", store.unfinishedAhead(task));
      }
      throw new ApiException(HttpStatus.ACCEPTED, started ? MSG_PROCESSING : MSG_QUEUED, extra);
    }
    return task;
  }

  /**
   * @throws ApiException 404 for an unknown task
   */
  TaskRecord find(long id) {
    return store.find(id).orElseThrow(TaskResults::notFound);
  }

  static ApiException notFound() {
    return new ApiException(HttpStatus.NOT_FOUND, MSG_NOT_FOUND);
  }
}
