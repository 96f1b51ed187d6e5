package org.sttplatform.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.activities.subtitles.StoredSubtitles;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;

/**
 * Finds what the subtitle endpoints serve: a completed task's transcript, and the subtitle files
 * kept for a task in {@code <dataDir>/results/tasks/<id>/subtitles/}.
 */
@Service
class TaskSubtitles {
  static final String MSG_NOT_COMPLETED =
      "Subtitles can only be generated for a completed task; task %d is %s";
  static final String MSG_NO_FILE = "Task %d has no stored subtitle file named '%s'";

  private final TaskResults results;
  private final DataLayout layout;

  TaskSubtitles(TaskResults results, SttProperties properties) {
    this.results = results;
    this.layout = new DataLayout(properties.dataDir());
  }

  /**
   * @return the task, completed
   * @throws ApiException 404 for an unknown task; 409 naming its status for a queued, processing or
   *     failed one (queued or processing decided as the result endpoint does, with the live stage
   *     and progress)
   */
  TaskRecord completed(long id) {
    TaskRecord task;
    try {
      task = results.finished(id);
    } catch (ApiException unfinished) {
      if (unfinished.status() != HttpStatus.ACCEPTED) {
        throw unfinished;
      }
      throw notCompleted(id, unfinished.extra());
    }
    if (task.status() != TaskStatus.COMPLETED) {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("task_id", id);
      extra.put("status", TaskView.lower(task.status()));
      throw notCompleted(id, extra);
    }
    return task;
  }

  private static ApiException notCompleted(long id, Map<String, Object> extra) {
    return new ApiException(
        HttpStatus.CONFLICT, MSG_NOT_COMPLETED.formatted(id, extra.get("status")), extra);
  }

  /** The name a download of {@code task} as {@code extension} is offered under. */
  static String downloadName(TaskRecord task, String extension) {
    return StoredSubtitles.baseName(task.fileName(), "task_" + task.id()) + "." + extension;
  }

  /**
   * @throws ApiException 404 for an unknown task
   */
  List<StoredSubtitles.StoredFile> stored(long id) {
    results.find(id);
    try {
      return StoredSubtitles.list(resultsDir(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The stored files of task {@code id} with their download URLs under {@code baseUrl}.
   *
   * @throws ApiException 404 for an unknown task
   */
  List<SubtitleFileView> views(long id, String baseUrl) {
    return SubtitleFileView.of(id, stored(id), baseUrl);
  }

  /**
   * @throws ApiException 404 for an unknown task or a name that is not one of its stored files
   */
  StoredSubtitles.StoredFile storedFile(long id, String name) {
    return stored(id).stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, MSG_NO_FILE.formatted(id, name)));
  }

  /** Where the files kept for task {@code id} are. */
  Path resultsDir(long id) {
    return layout.taskResultsDir(id);
  }
}
