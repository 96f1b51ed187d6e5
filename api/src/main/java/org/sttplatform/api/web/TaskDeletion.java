package org.sttplatform.api.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.workflow.TaskWorkflows;

/**
 * Deletes a task: cancels its workflow, deletes its row, then its upload and the files kept for it
 * ({@code <dataDir>/results/tasks/<id>}, e.g. stored subtitles).
 */
@Service
class TaskDeletion {
  private static final Logger log = LoggerFactory.getLogger(TaskDeletion.class);

  private final TaskStore store;
  private final TaskWorkflows workflows;
  private final UploadStorage uploads;
  private final TaskResults results;
  private final DataLayout layout;

  TaskDeletion(
      TaskStore store,
      TaskWorkflows workflows,
      UploadStorage uploads,
      TaskResults results,
      SttProperties properties) {
    this.store = store;
    this.workflows = workflows;
    this.uploads = uploads;
    this.results = results;
    this.layout = new DataLayout(properties.dataDir());
  }

  /**
   * Cancels first and deletes nothing if that fails, so no workflow keeps working for a task that
   * is gone; then the row, then the upload (a leftover file is better than a row without media).
   *
   * @throws ApiException 404 for an unknown task, or one deleted meanwhile; 503 when the workflow
   *     service cannot be reached
   */
  void delete(long id) {
    TaskRecord task = results.find(id);
    try {
      workflows.cancel(id);
    } catch (RuntimeException e) {
      log.warn("Could not cancel the workflow of task {}", id, e);
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "The task's workflow could not be cancelled because the workflow service is"
              + " unavailable; nothing was deleted, please try again later",
          Map.of("task_id", id));
    }
    if (!store.delete(id)) {
      throw TaskResults.notFound();
    }
    if (task.filePath() != null && !task.filePath().isBlank()) {
      Path upload = uploads.fileOf(task.filePath());
      if (upload != null) {
        uploads.delete(upload);
      }
    }
    try {
      layout.deleteTaskResults(id);
    } catch (IOException | RuntimeException e) {
      // The row is gone already; a leftover folder is only disk space.
      log.warn("Could not delete the result files of task {}", id, e);
    }
  }
}
