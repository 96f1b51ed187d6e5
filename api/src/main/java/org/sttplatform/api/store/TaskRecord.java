package org.sttplatform.api.store;

import java.time.Instant;
import java.util.List;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptionRequest;

/**
 * One row of the {@code tasks} table. Timestamps are UTC instants set per row.
 *
 * @param id task id
 * @param status lifecycle status
 * @param stage pipeline stage wire name (e.g. {@code transcribing})
 * @param progress overall progress 0.0 to 1.0
 * @param taskType transcribe or translate
 * @param priority priority
 * @param engineName engine name
 * @param modelName model name
 * @param platform user label
 * @param callbackUrl callback URL or empty
 * @param callbackStatusCode last callback response status, or {@code null}
 * @param callbackMessage last callback response body (truncated), or {@code null}
 * @param callbackTime time of the last callback, or {@code null}
 * @param callbackAttempts attempts of the last callback delivery so far (0 before the first)
 * @param callbackState {@code pending}, {@code delivered} or {@code dead} ({@link CallbackState});
 *     {@code null} until a callback is sent
 * @param createdAt creation time
 * @param updatedAt last change
 * @param startedAt when processing started, or {@code null}
 * @param completedAt when the task completed or failed, or {@code null}
 * @param taskProcessingTime seconds from start to end of processing, or {@code null}
 * @param filePath stored upload's storage key (an absolute path in rows from before keys), or
 *     {@code null}
 * @param fileUrl media URL, or {@code null}
 * @param fileName media name, or {@code null}
 * @param fileSizeBytes media size, or {@code null}
 * @param fileDuration media duration in seconds, or {@code null}
 * @param language detected language, or {@code null}
 * @param decodeOptions decode options
 * @param result transcript, or {@code null}
 * @param errorMessage failure message, or {@code null}
 * @param run the definition run and step that created the task, or {@code null} for a task of
 *     {@code tasks/create}
 * @param subtitleFormats the subtitle files the task asked for at create (format names, e.g. {@code
 *     srt}), or {@code null} for none
 */
public record TaskRecord(
    long id,
    TaskStatus status,
    String stage,
    double progress,
    TaskType taskType,
    TaskPriority priority,
    String engineName,
    String modelName,
    String platform,
    String callbackUrl,
    Integer callbackStatusCode,
    String callbackMessage,
    Instant callbackTime,
    int callbackAttempts,
    String callbackState,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt,
    Double taskProcessingTime,
    String filePath,
    String fileUrl,
    String fileName,
    Long fileSizeBytes,
    Double fileDuration,
    String language,
    DecodeOptions decodeOptions,
    Transcript result,
    String errorMessage,
    RunLink run,
    List<String> subtitleFormats) {

  /** A task without subtitle files. */
  public TaskRecord(
      long id,
      TaskStatus status,
      String stage,
      double progress,
      TaskType taskType,
      TaskPriority priority,
      String engineName,
      String modelName,
      String platform,
      String callbackUrl,
      Integer callbackStatusCode,
      String callbackMessage,
      Instant callbackTime,
      int callbackAttempts,
      String callbackState,
      Instant createdAt,
      Instant updatedAt,
      Instant startedAt,
      Instant completedAt,
      Double taskProcessingTime,
      String filePath,
      String fileUrl,
      String fileName,
      Long fileSizeBytes,
      Double fileDuration,
      String language,
      DecodeOptions decodeOptions,
      Transcript result,
      String errorMessage,
      RunLink run) {
    this(
        id,
        status,
        stage,
        progress,
        taskType,
        priority,
        engineName,
        modelName,
        platform,
        callbackUrl,
        callbackStatusCode,
        callbackMessage,
        callbackTime,
        callbackAttempts,
        callbackState,
        createdAt,
        updatedAt,
        startedAt,
        completedAt,
        taskProcessingTime,
        filePath,
        fileUrl,
        fileName,
        fileSizeBytes,
        fileDuration,
        language,
        decodeOptions,
        result,
        errorMessage,
        run,
        null);
  }

  /**
   * The definition run step a task belongs to.
   *
   * @param runId the run
   * @param step the step key (its id, {@code #<index>} added for a {@code for_each} element)
   */
  public record RunLink(String runId, String step) {}

  /** The workflow input that processes this task. */
  public TranscriptionRequest transcriptionRequest() {
    return new TranscriptionRequest(
        id,
        fileUrl,
        filePath,
        taskType == TaskType.TRANSLATE,
        modelName,
        decodeOptions,
        hasCallback(),
        null,
        subtitleFormats);
  }

  /** The stored form of subtitle format names: comma-separated, {@code null} for none. */
  static String joinFormats(List<String> formats) {
    return formats == null || formats.isEmpty() ? null : String.join(",", formats);
  }

  /** The format names of {@link #joinFormats}'s stored form; {@code null} for none. */
  static List<String> splitFormats(String stored) {
    return stored == null || stored.isBlank() ? null : List.of(stored.split(","));
  }

  /** Whether the task names a callback URL. */
  public boolean hasCallback() {
    return callbackUrl != null && !callbackUrl.isBlank();
  }

  /** Whether the task has not reached a final state. */
  public boolean unfinished() {
    return status == TaskStatus.QUEUED || status == TaskStatus.PROCESSING;
  }
}
