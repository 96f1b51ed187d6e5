package org.sttplatform.api.web;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.workflow.TaskWorkflows;

/** Deletes a task: cancels its workflow, deletes its upload and then its row. */
@Service
class TaskDeletion {
  private static final Logger log = LoggerFactory.getLogger(TaskDeletion.class);

  private final TaskStore store;
  private final TaskWorkflows workflows;
  private final UploadStorage uploads;
  private final TaskResults results;

  TaskDeletion(
      TaskStore store, TaskWorkflows workflows, UploadStorage uploads, TaskResults results) {
    this.store = store;
    this.workflows = workflows;
    this.uploads = uploads;
    this.results = results;
  }

  /**
   * @throws ApiException 404 for an unknown task, or one deleted meanwhile
   */
  void delete(long id) {
    TaskRecord task = results.find(id);
    try {
      workflows.cancel(id);
    } catch (RuntimeException e) {
      // The row goes anyway; a workflow that outlives it stops at its next store update.
      log.warn("Could not cancel the workflow of task {}", id, e);
    }
    if (task.filePath() != null && !task.filePath().isBlank()) {
      uploads.delete(Path.of(task.filePath()));
    }
    if (!store.delete(id)) {
      throw TaskResults.notFound();
    }
  }
}
