package org.sttplatform.api.temporal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.sttplatform.api.store.CrawledPostStore;
import org.sttplatform.api.store.TaskPage;
import org.sttplatform.api.store.TaskQuery;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.workflow.TaskWorkflows;
import org.sttplatform.workflows.model.CrawledSource;

/**
 * The embedded Temporal server keeps workflows in memory, so after a restart the tasks that were
 * queued or running have no workflow left. This starts them again from their rows; a cluster keeps
 * its workflows, so nothing is done there. A task from a crawled post gets its post back as source
 * (its download headers are not stored: the first download is refused and the post crawled again).
 */
@Component
class UnfinishedTaskRecovery {
  private static final Logger log = LoggerFactory.getLogger(UnfinishedTaskRecovery.class);
  private static final int PAGE = 200;

  private final TemporalConnection connection;
  private final TaskStore store;
  private final TaskWorkflows workflows;
  private final CrawledPostStore crawledPosts;

  UnfinishedTaskRecovery(
      TemporalConnection connection,
      TaskStore store,
      TaskWorkflows workflows,
      CrawledPostStore crawledPosts) {
    this.connection = connection;
    this.store = store;
    this.workflows = workflows;
    this.crawledPosts = crawledPosts;
  }

  @EventListener(ApplicationReadyEvent.class)
  void restartUnfinishedTasks() {
    if (!connection.embedded()) {
      return;
    }
    List<TaskRecord> unfinished = new ArrayList<>();
    unfinished.addAll(all(TaskStatus.QUEUED));
    unfinished.addAll(all(TaskStatus.PROCESSING));
    for (TaskRecord task : unfinished) {
      if (task.run() != null) {
        // A transcription inside a definition run: its run is gone with the server's memory.
        store.failed(task.id(), "The run " + task.run().runId() + " was interrupted by a restart");
        continue;
      }
      try {
        workflows.start(
            task.transcriptionRequest().withSource(crawledSource(task.id())), task.priority());
      } catch (RuntimeException e) {
        log.error("Could not restart task {}", task.id(), e);
        store.failed(task.id(), "The task was interrupted by a restart and could not be resumed");
      }
    }
    if (!unfinished.isEmpty()) {
      log.info("Restarted {} unfinished task(s) after a restart", unfinished.size());
    }
  }

  private CrawledSource crawledSource(long taskId) {
    return crawledPosts
        .find(taskId)
        .map(p -> new CrawledSource(p.platform(), p.postUrl(), Map.of()))
        .orElse(null);
  }

  private List<TaskRecord> all(TaskStatus status) {
    List<TaskRecord> tasks = new ArrayList<>();
    TaskPage page;
    do {
      page =
          store.query(
              new TaskQuery(status, null, null, null, null, null, null, null, PAGE, tasks.size()));
      tasks.addAll(page.tasks());
    } while (!page.tasks().isEmpty() && tasks.size() < page.totalCount());
    return tasks;
  }
}
