package org.sttplatform.api.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import org.sttplatform.activities.CpuWorkerSettings;
import org.sttplatform.activities.subtitles.InvalidSubtitleRequest;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.NewTask;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.store.TaskType;
import org.sttplatform.api.temporal.HostedWorkers;
import org.sttplatform.api.workflow.TaskWorkflows;
import org.sttplatform.workflows.AudioDurationLimit;
import org.sttplatform.workflows.model.CrawledSource;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * Creates a task: validates the parameters before touching the disk, stores and inspects the
 * upload, inserts the task row and starts its workflow. Whatever fails on the way leaves no upload
 * behind; a workflow that cannot be started marks the row failed and answers 503.
 */
@Service
public class TaskCreation {
  private static final Logger log = LoggerFactory.getLogger(TaskCreation.class);

  static final String MSG_NO_SOURCE =
      "The file or file_url parameter cannot be empty, you must provide one of them";
  static final String MSG_BOTH_SOURCES =
      "The 'file_upload' and 'file_url' parameters cannot be both provided, you must provide only"
          + " one of them.";
  static final String MSG_BAD_URL = "The format of the file URL is incorrect";

  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_PLATFORM_LENGTH = 50;
  private static final int MAX_URL_LENGTH = 2048;

  private final TaskStore store;
  private final TaskWorkflows workflows;
  private final UploadStorage uploads;
  private final MediaInspector inspector;
  private final boolean allowPrivateNetworks;
  private final long maxAudioSeconds;

  /**
   * @param properties where {@code STT_FETCH_ALLOW_PRIVATE_NETWORKS} is read, as the hosted workers
   *     read it ({@code stt.worker-env}, else the environment)
   */
  TaskCreation(
      TaskStore store,
      TaskWorkflows workflows,
      UploadStorage uploads,
      MediaInspector inspector,
      SttProperties properties) {
    this.store = store;
    this.workflows = workflows;
    this.uploads = uploads;
    this.inspector = inspector;
    this.allowPrivateNetworks =
        CpuWorkerSettings.allowPrivateNetworks(HostedWorkers.workerEnvironment(properties));
    this.maxAudioSeconds = properties.upload().maxAudioSeconds();
  }

  /**
   * A created, queued task.
   *
   * @param task the stored task
   * @param params the effective parameters, in the order the success envelope echoes them
   */
  public record Created(TaskRecord task, Map<String, Object> params) {}

  /**
   * @param fileUpload the uploaded media, or {@code null}; exactly one of it and {@code
   *     params.fileUrl()} is required
   * @throws ApiException 400 for an invalid parameter, 413 for an upload longer than {@code
   *     STT_MAX_AUDIO_SECONDS}, 415 for an upload that is not usable media, 503 when the workflow
   *     cannot be started (the task row is then marked failed)
   */
  public Created create(MultipartFile fileUpload, CreateTaskParams params) {
    return create(fileUpload, params, null, task -> {});
  }

  /**
   * As {@link #create(MultipartFile, CreateTaskParams)}, for a media URL a crawler found.
   *
   * @param source the crawled source of {@code params.fileUrl()} (its download headers and post),
   *     passed to the workflow, or {@code null}
   * @param beforeStart runs once the row exists, before the workflow starts (stores what belongs
   *     with the task); if it throws, the row is deleted and the task not started
   */
  Created create(
      MultipartFile fileUpload,
      CreateTaskParams params,
      CrawledSource source,
      Consumer<TaskRecord> beforeStart) {
    boolean hasFile =
        fileUpload != null
            && !(fileUpload.isEmpty()
                && (fileUpload.getOriginalFilename() == null
                    || fileUpload.getOriginalFilename().isBlank()));
    String url = Params.blankToNull(params.fileUrl());
    if (!hasFile && url == null) {
      throw ApiException.badRequest(MSG_NO_SOURCE);
    }
    if (hasFile && url != null) {
      throw ApiException.badRequest(MSG_BOTH_SOURCES);
    }
    if (url != null && !isUsableUrl(url)) {
      throw ApiException.badRequest(MSG_BAD_URL);
    }
    if (url != null && !allowPrivateNetworks) {
      // An early answer for IP literals; the worker checks every address it connects to.
      FileUrls.checkNotPrivate(url);
    }
    if (hasFile && fileUpload.isEmpty()) {
      throw ApiException.badRequest("The uploaded file is empty");
    }
    TaskType type =
        Params.enumValue("task_type", params.taskType(), TaskType.class, TaskType.TRANSCRIBE);
    TaskPriority priority =
        Params.enumValue("priority", params.priority(), TaskPriority.class, TaskPriority.NORMAL);
    String callback = Params.blankToNull(params.callbackUrl());
    if (callback != null && !isUsableUrl(callback)) {
      throw ApiException.badRequest(
          "The format of the callback URL is incorrect; expected an http or https URL");
    }
    if (callback != null && !allowPrivateNetworks) {
      // As for file_url: an early answer for IP literals; the sender checks every address.
      FileUrls.checkCallbackNotPrivate(callback);
    }
    String label = Params.blankToNull(params.platform());
    if (label != null && label.length() > MAX_PLATFORM_LENGTH) {
      throw ApiException.badRequest(
          "The 'platform' parameter must be at most " + MAX_PLATFORM_LENGTH + " characters");
    }
    String model = model(params.model());
    DecodeOptions options = DecodeOptionsParser.parse(params);
    List<String> subtitleFormats = subtitleFormats(params.subtitleFormats());

    Upload upload = hasFile ? storeAndInspect(fileUpload) : Upload.NONE;
    TaskRecord task =
        insert(
            new NewTask(
                type,
                priority,
                NewTask.WHISPER_CPP,
                model,
                label == null ? "" : label,
                callback == null ? "" : callback,
                upload.path() == null ? null : uploads.keyOf(upload.path()),
                upload.fileName(),
                upload.sizeBytes(),
                upload.duration(),
                url,
                options,
                null,
                subtitleFormats),
            upload.path());
    try {
      beforeStart.accept(task);
    } catch (RuntimeException e) {
      store.delete(task.id());
      deleteUpload(upload.path());
      throw e;
    }
    start(task, priority, upload, source);

    Map<String, Object> echo = decodeParams(options);
    echo.put("task_type", TaskView.lower(type));
    echo.put("priority", TaskView.lower(priority));
    echo.put("callback_url", callback == null ? "" : Params.withoutPassword(callback));
    echo.put("model", model == null ? "" : model);
    if (subtitleFormats != null) { // echoed only when given, as the seed had no such parameter
      echo.put("subtitle_formats", subtitleFormats);
    }
    return new Created(task, echo);
  }

  /**
   * The formats of {@code subtitle_formats} (a comma list, case and spaces ignored, duplicates
   * dropped), or {@code null} when it is absent or blank.
   *
   * @throws ApiException 400 naming the parameter and the allowed values
   */
  static List<String> subtitleFormats(String value) {
    String list = Params.blankToNull(value);
    if (list == null) {
      return null;
    }
    Set<String> formats = new LinkedHashSet<>();
    for (String name : list.split(",", -1)) {
      try {
        formats.add(SubtitleFormat.parse("subtitle_formats", name).wireName());
      } catch (InvalidSubtitleRequest e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }
    return List.copyOf(formats);
  }

  private static boolean isUsableUrl(String url) {
    return url.length() <= MAX_URL_LENGTH && FileUrls.isHttpUrl(url);
  }

  /**
   * The model the task names, or {@code null}: then the transcription worker that takes the task
   * uses its own default ({@code STT_MODEL} of the worker fleet), and the row records the model
   * that ran once the task completes. The API never fills in a name of its own, which could differ
   * from what the workers have.
   */
  private static String model(String value) {
    String name = Params.blankToNull(value);
    if (name == null) {
      return null;
    }
    if (!MODEL_NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter 'model'; expected a whisper model name such as base,"
                  .formatted(name)
              + " small, large-v3 (letters, digits, '.', '_' and '-')");
    }
    return name;
  }

  /** A stored upload and what inspection found; all {@code null} for a task from a URL. */
  private record Upload(
      Path path, String fileName, Long sizeBytes, Double duration, MediaInfo info) {
    static final Upload NONE = new Upload(null, null, null, null, null);
  }

  private Upload storeAndInspect(MultipartFile file) {
    Path stored;
    try {
      stored = uploads.store(file);
    } catch (IOException e) {
      throw new IllegalStateException("Could not store the upload", e);
    }
    long sizeBytes;
    Double duration;
    MediaInfo info;
    try {
      info = inspector.inspect(stored);
      sizeBytes = Files.size(stored);
      duration = info.durationSeconds();
    } catch (MediaRejectedException e) {
      uploads.delete(stored);
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    } catch (IOException | RuntimeException e) {
      uploads.delete(stored);
      throw new IllegalStateException("Media inspection failed for " + stored, e);
    }
    if (duration != null && AudioDurationLimit.exceeds(duration, maxAudioSeconds)) {
      uploads.delete(stored);
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE, AudioDurationLimit.message(duration, maxAudioSeconds));
    }
    return new Upload(
        stored, displayName(file.getOriginalFilename(), stored), sizeBytes, duration, info);
  }

  /** The client's file name without directories, or the stored name. */
  private static String displayName(String original, Path stored) {
    if (original == null || original.isBlank()) {
      return stored.getFileName().toString();
    }
    int slash = Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\'));
    String name = original.substring(slash + 1).strip();
    return name.isEmpty() ? stored.getFileName().toString() : name;
  }

  private TaskRecord insert(NewTask task, Path stored) {
    try {
      return store.create(task);
    } catch (RuntimeException e) {
      deleteUpload(stored);
      throw e;
    }
  }

  /** Starts the workflow; an upload's probe result goes with it, so it is not probed twice. */
  private void start(TaskRecord task, TaskPriority priority, Upload upload, CrawledSource source) {
    Path stored = upload.path();
    try {
      workflows.start(task.transcriptionRequest().withSource(source), priority);
    } catch (RuntimeException e) {
      log.error("Could not start the workflow of task {}", task.id(), e);
      String message =
          "The task could not be queued because the workflow service is unavailable; please try"
              + " again later";
      try {
        store.failed(task.id(), message);
      } catch (RuntimeException storeFailure) {
        log.error("Could not mark task {} failed", task.id(), storeFailure);
      }
      deleteUpload(stored);
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          message + " (task " + task.id() + " was marked failed)",
          Map.of("task_id", task.id()));
    }
  }

  private void deleteUpload(Path stored) {
    if (stored != null) {
      uploads.delete(stored);
    }
  }

  private static Map<String, Object> decodeParams(DecodeOptions o) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("language", o.language());
    p.put("temperature", o.temperature());
    p.put("compression_ratio_threshold", o.compressionRatioThreshold());
    p.put("no_speech_threshold", o.noSpeechThreshold());
    p.put("condition_on_previous_text", o.conditionOnPreviousText());
    p.put("initial_prompt", o.initialPrompt());
    p.put("word_timestamps", o.wordTimestamps());
    p.put("prepend_punctuations", o.prependPunctuations());
    p.put("append_punctuations", o.appendPunctuations());
    p.put("clip_timestamps", o.clipTimestamps());
    p.put("hallucination_silence_threshold", o.hallucinationSilenceThreshold());
    if (o.vadFilter()) { // echoed only when on, so that seed clients see the seed's parameters
      p.put("vad_filter", true);
      p.put("vad_parameters", o.vadParameters());
    }
    // likewise the search options, when given
    putIfGiven(p, "beam_size", o.beamSize());
    putIfGiven(p, "best_of", o.bestOf());
    putIfGiven(p, "patience", o.patience());
    return p;
  }

  private static void putIfGiven(Map<String, Object> p, String name, Object value) {
    if (value != null) {
      p.put(name, value);
    }
  }
}
