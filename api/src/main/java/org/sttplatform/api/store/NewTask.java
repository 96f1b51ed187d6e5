package org.sttplatform.api.store;

import java.util.List;
import org.sttplatform.workflows.model.DecodeOptions;

/**
 * A task to insert. Exactly one of {@code filePath} (a stored upload) and {@code fileUrl} is set.
 *
 * @param taskType transcribe or translate
 * @param priority priority
 * @param engineName e.g. {@code whisper.cpp}
 * @param modelName whisper model name
 * @param platform free label from the user, may be empty
 * @param callbackUrl URL to notify, may be empty
 * @param filePath stored upload path, or {@code null}
 * @param fileName original upload name, or {@code null}
 * @param fileSizeBytes upload size, or {@code null}
 * @param fileDuration upload duration in seconds (probed at upload), or {@code null}
 * @param fileUrl media URL, or {@code null}
 * @param decodeOptions decode options, defaults applied
 * @param run the definition run step that creates the task, or {@code null}
 * @param subtitleFormats the subtitle files to write for the task (format names), or {@code null}
 *     for none
 */
public record NewTask(
    TaskType taskType,
    TaskPriority priority,
    String engineName,
    String modelName,
    String platform,
    String callbackUrl,
    String filePath,
    String fileName,
    Long fileSizeBytes,
    Double fileDuration,
    String fileUrl,
    DecodeOptions decodeOptions,
    TaskRecord.RunLink run,
    List<String> subtitleFormats) {

  /** The engine recorded on new tasks. */
  public static final String WHISPER_CPP = "whisper.cpp";

  /** A task without subtitle files. */
  public NewTask(
      TaskType taskType,
      TaskPriority priority,
      String engineName,
      String modelName,
      String platform,
      String callbackUrl,
      String filePath,
      String fileName,
      Long fileSizeBytes,
      Double fileDuration,
      String fileUrl,
      DecodeOptions decodeOptions,
      TaskRecord.RunLink run) {
    this(
        taskType,
        priority,
        engineName,
        modelName,
        platform,
        callbackUrl,
        filePath,
        fileName,
        fileSizeBytes,
        fileDuration,
        fileUrl,
        decodeOptions,
        run,
        null);
  }

  /** A task of {@code tasks/create} (no run) without subtitle files. */
  public NewTask(
      TaskType taskType,
      TaskPriority priority,
      String engineName,
      String modelName,
      String platform,
      String callbackUrl,
      String filePath,
      String fileName,
      Long fileSizeBytes,
      Double fileDuration,
      String fileUrl,
      DecodeOptions decodeOptions) {
    this(
        taskType,
        priority,
        engineName,
        modelName,
        platform,
        callbackUrl,
        filePath,
        fileName,
        fileSizeBytes,
        fileDuration,
        fileUrl,
        decodeOptions,
        null,
        null);
  }
}
