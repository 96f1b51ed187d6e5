package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.NewTask;
import org.sttplatform.api.store.TaskPage;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskQuery;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.store.TaskType;
import org.sttplatform.api.workflow.TaskWorkflows;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.TaskProgress;

/** The seed's task endpoints under {@code /api/whisper/tasks}. */
@RestController
@RequestMapping("/api/whisper/tasks")
@Tag(name = "Whisper-Tasks", description = "Whisper 语音识别任务 / Whisper speech-to-text tasks")
public class TaskController {
  private static final Logger log = LoggerFactory.getLogger(TaskController.class);

  /** Engine recorded on new tasks. */
  static final String ENGINE_NAME = "whisper.cpp";

  static final String MSG_NO_SOURCE =
      "The file or file_url parameter cannot be empty, you must provide one of them";
  static final String MSG_BOTH_SOURCES =
      "The 'file_upload' and 'file_url' parameters cannot be both provided, you must provide only"
          + " one of them.";
  static final String MSG_BAD_URL = "The format of the file URL is incorrect";
  static final String MSG_NOT_FOUND = "Task not found or has been deleted or invalid task ID";
  static final String MSG_QUEUED = "Task is queued and not started yet";
  static final String MSG_PROCESSING = "Task is currently being processed";

  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_PLATFORM_LENGTH = 50;
  private static final int MAX_URL_LENGTH = 2048;

  private final TaskStore store;
  private final TaskWorkflows workflows;
  private final UploadStorage uploads;
  private final MediaInspector inspector;
  private final SttProperties properties;
  private final String defaultModel;

  public TaskController(
      TaskStore store,
      TaskWorkflows workflows,
      UploadStorage uploads,
      MediaInspector inspector,
      SttProperties properties,
      @Value("${stt.whisper.model:base}") String defaultModel) {
    this.store = store;
    this.workflows = workflows;
    this.uploads = uploads;
    this.inspector = inspector;
    this.properties = properties;
    this.defaultModel = defaultModel;
  }

  @PostMapping("/create")
  @Operation(
      operationId = "create_task",
      summary = "创建任务 / Create a task",
      description =
          """
          上传媒体文件 (file_upload) 或提供媒体文件链接 (file_url) 创建语音识别任务, 二者必须且只能提供一个。\
          除文件外, 所有参数既可以作为 multipart/form-data 表单字段, 也可以作为查询参数传递。\
          任务创建后在后台排队处理, 使用返回的 output_url 查询结果。

          Create a speech-to-text task from an uploaded media file (file_upload) or a media URL \
          (file_url); exactly one of them is required. Apart from the file, every parameter may \
          be sent as a multipart/form-data field or as a query parameter. The task is queued and \
          processed in the background; poll the returned output_url for the result.
          """,
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              description =
                  "可选的 multipart/form-data 请求体 (上传文件时使用) / Optional multipart/form-data"
                      + " body (for uploads)",
              required = false,
              content =
                  @Content(
                      mediaType = "multipart/form-data",
                      schema = @Schema(implementation = UploadForm.class))))
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "任务已创建 / Task created"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "参数错误 / Invalid parameter",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "413",
        description = "上传文件过大 / Upload larger than stt.upload.max-size",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "415",
        description = "不是媒体文件或没有音频流 / Not a media file, or no audio stream",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description =
            "工作流服务不可用, 任务已标记为失败 / Workflow service unavailable; the task was marked" + " failed",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<TaskView> create(
      HttpServletRequest request,
      @Parameter(description = "媒体文件 / Media file (audio or video)")
          @RequestParam(name = "file_upload", required = false)
          MultipartFile fileUpload,
      @Parameter(
              description =
                  "媒体文件链接 (http/https), 与 file_upload 二选一 / Media file URL (http/https);"
                      + " use either this or file_upload")
          @RequestParam(name = "file_url", required = false)
          String fileUrl,
      @Parameter(
              description =
                  "任务类型: transcribe (转录) 或 translate (翻译成英文) / Task type: transcribe, or"
                      + " translate (into English)",
              schema =
                  @Schema(
                      allowableValues = {"transcribe", "translate"},
                      defaultValue = "transcribe"))
          @RequestParam(name = "task_type", required = false)
          String taskType,
      @Parameter(
              description =
                  "回调地址, 任务完成或失败后以 POST 通知 / Callback URL notified with a POST when the"
                      + " task completes or fails")
          @RequestParam(name = "callback_url", required = false)
          String callbackUrl,
      @Parameter(
              description = "任务优先级 / Task priority: high, normal, low",
              schema =
                  @Schema(
                      allowableValues = {"high", "normal", "low"},
                      defaultValue = "normal"))
          @RequestParam(name = "priority", required = false)
          String priority,
      @Parameter(
              description =
                  "平台标签 (最多 50 个字符), 例如 tiktok, douyin / Platform label (up to 50"
                      + " characters), e.g. tiktok, douyin")
          @RequestParam(name = "platform", required = false)
          String platform,
      @Parameter(
              description =
                  "Whisper 模型名, 为空时使用服务默认模型 (stt.whisper.model) / Whisper model name;"
                      + " empty uses the service default (stt.whisper.model)",
              example = "base")
          @RequestParam(name = "model", required = false)
          String model,
      @Parameter(
              description =
                  "语言代码 (ISO 639, 2-3 个字母), 为空时自动检测 / Language code (ISO 639, 2-3"
                      + " letters); empty detects the language",
              example = "zh")
          @RequestParam(name = "language", required = false)
          String language,
      @Parameter(
              description =
                  "采样温度, 单个值或逗号分隔的回退序列, 每个值在 0 到 1 之间 / Temperature: one value or"
                      + " a comma-separated fall-back list, each between 0 and 1",
              schema = @Schema(defaultValue = "0.0,0.2,0.4,0.6,0.8,1.0"))
          @RequestParam(name = "temperature", required = false)
          String temperature,
      @Parameter(
              description =
                  "压缩比阈值, 超过时以更高温度重新解码 / Compression ratio threshold: a segment more"
                      + " compressible than this is decoded again at a higher temperature",
              schema = @Schema(type = "number", defaultValue = "2.4"))
          @RequestParam(name = "compression_ratio_threshold", required = false)
          String compressionRatioThreshold,
      @Parameter(
              description =
                  "无语音概率阈值 (0-1), 超过时视为静音 / No-speech threshold (0-1): a window above"
                      + " it is treated as silence",
              schema = @Schema(type = "number", defaultValue = "0.6"))
          @RequestParam(name = "no_speech_threshold", required = false)
          String noSpeechThreshold,
      @Parameter(
              description = "是否以前文作为下一窗口的提示 / Whether the previous text prompts the next window",
              schema = @Schema(type = "boolean", defaultValue = "true"))
          @RequestParam(name = "condition_on_previous_text", required = false)
          String conditionOnPreviousText,
      @Parameter(
              description =
                  "初始提示词, 例如专有名词或标点风格 / Initial prompt, e.g. proper nouns or punctuation"
                      + " style")
          @RequestParam(name = "initial_prompt", required = false)
          String initialPrompt,
      @Parameter(
              description = "是否返回逐词时间戳 / Whether to return per-word timestamps",
              schema = @Schema(type = "boolean", defaultValue = "false"))
          @RequestParam(name = "word_timestamps", required = false)
          String wordTimestamps,
      @Parameter(
              description = "并入后一个词的标点 / Punctuation merged into the following word",
              schema = @Schema(defaultValue = DecodeOptions.DEFAULT_PREPEND))
          @RequestParam(name = "prepend_punctuations", required = false)
          String prependPunctuations,
      @Parameter(
              description = "并入前一个词的标点 / Punctuation merged into the preceding word",
              schema = @Schema(defaultValue = DecodeOptions.DEFAULT_APPEND))
          @RequestParam(name = "append_punctuations", required = false)
          String appendPunctuations,
      @Parameter(
              description =
                  "要识别的片段 (秒) start,end[,start,end...], 0 表示整个音频 / Clips to transcribe in"
                      + " seconds start,end[,start,end...]; 0 means the whole audio",
              schema = @Schema(defaultValue = "0.0"))
          @RequestParam(name = "clip_timestamps", required = false)
          String clipTimestamps,
      @Parameter(
              description =
                  "幻觉静音阈值 (秒, 可选, 大于 0) / Hallucination silence threshold in seconds"
                      + " (optional, greater than 0)",
              schema = @Schema(type = "number"))
          @RequestParam(name = "hallucination_silence_threshold", required = false)
          String hallucinationSilenceThreshold) {

    // 1. Validate everything before touching the disk.
    boolean hasFile =
        fileUpload != null
            && !(fileUpload.isEmpty()
                && (fileUpload.getOriginalFilename() == null
                    || fileUpload.getOriginalFilename().isBlank()));
    String url = Params.blankToNull(fileUrl);
    if (!hasFile && url == null) {
      throw ApiException.badRequest(MSG_NO_SOURCE);
    }
    if (hasFile && url != null) {
      throw ApiException.badRequest(MSG_BOTH_SOURCES);
    }
    if (url != null && (url.length() > MAX_URL_LENGTH || !Params.isHttpUrl(url))) {
      throw ApiException.badRequest(MSG_BAD_URL);
    }
    if (hasFile && fileUpload.isEmpty()) {
      throw ApiException.badRequest("The uploaded file is empty");
    }
    TaskType type = Params.enumValue("task_type", taskType, TaskType.class, TaskType.TRANSCRIBE);
    TaskPriority prio =
        Params.enumValue("priority", priority, TaskPriority.class, TaskPriority.NORMAL);
    String callback = Params.blankToNull(callbackUrl);
    if (callback != null && (callback.length() > MAX_URL_LENGTH || !Params.isHttpUrl(callback))) {
      throw ApiException.badRequest(
          "The format of the callback URL is incorrect; expected an http or https URL");
    }
    String label = Params.blankToNull(platform);
    if (label != null && label.length() > MAX_PLATFORM_LENGTH) {
      throw ApiException.badRequest(
          "The 'platform' parameter must be at most " + MAX_PLATFORM_LENGTH + " characters");
    }
    String modelName = Params.blankToNull(model);
    if (modelName == null) {
      modelName = defaultModel;
    } else if (!MODEL_NAME.matcher(modelName).matches()) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter 'model'; expected a whisper model name such as base,"
                  .formatted(modelName)
              + " small, large-v3 (letters, digits, '.', '_' and '-')");
    }
    DecodeOptions options =
        DecodeOptionsParser.parse(
            new DecodeOptionsParser.Raw(
                language,
                temperature,
                compressionRatioThreshold,
                noSpeechThreshold,
                conditionOnPreviousText,
                initialPrompt,
                wordTimestamps,
                prependPunctuations,
                appendPunctuations,
                clipTimestamps,
                hallucinationSilenceThreshold));

    // 2. Store and inspect the upload.
    Path stored = null;
    String fileName = null;
    Long sizeBytes = null;
    Double duration = null;
    if (hasFile) {
      stored = storeUpload(fileUpload);
      try {
        MediaInfo info = inspector.inspect(stored);
        sizeBytes = Files.size(stored);
        duration = info.durationSeconds();
      } catch (MediaRejectedException e) {
        uploads.delete(stored);
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
      } catch (IOException | RuntimeException e) {
        uploads.delete(stored);
        throw new IllegalStateException("Media inspection failed for " + stored, e);
      }
      fileName = displayName(fileUpload.getOriginalFilename(), stored);
    }

    // 3. Insert the row, then start the workflow.
    TaskRecord task;
    try {
      task =
          store.create(
              new NewTask(
                  type,
                  prio,
                  ENGINE_NAME,
                  modelName,
                  label == null ? "" : label,
                  callback == null ? "" : callback,
                  stored == null ? null : stored.toString(),
                  fileName,
                  sizeBytes,
                  duration,
                  url,
                  options));
    } catch (RuntimeException e) {
      if (stored != null) {
        uploads.delete(stored);
      }
      throw e;
    }
    try {
      workflows.start(task.transcriptionRequest(), prio);
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
      if (stored != null) {
        uploads.delete(stored);
      }
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          message + " (task " + task.id() + " was marked failed)",
          Map.of("task_id", task.id()));
    }

    Map<String, Object> params = decodeParams(options);
    params.put("task_type", TaskView.lower(type));
    params.put("priority", TaskView.lower(prio));
    params.put("callback_url", callback == null ? "" : callback);
    params.put("model", modelName);
    return ApiResponse.ok(
        RequestInfo.of(request), params, TaskView.of(task, outputUrl(request, task.id()), true));
  }

  @PostMapping("/query")
  @Operation(
      operationId = "query_tasks",
      summary = "查询任务 / Query tasks",
      description =
          """
          按条件分页查询任务, 所有条件均可选, 空请求体或 {} 返回全部任务。按创建时间 (及 ID) 升序排列。\
          列表默认不包含识别结果 (result 为 null), 设置 include_result=true 可返回。

          List tasks with optional filters and pagination; an empty body or {} lists all tasks, \
          ordered by creation time (then id). Listings leave result null unless include_result is \
          true.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "查询结果 / Matching tasks"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "条件错误 / Invalid filter",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<TaskList> query(
      HttpServletRequest request,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              description = "查询条件 / Filters",
              required = false)
          @RequestBody(required = false)
          TaskQueryRequest body) {
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
            .map(t -> TaskView.of(t, outputUrl(request, t.id()), includeResult))
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
    return ApiResponse.ok(
        RequestInfo.of(request),
        params,
        new TaskList(tasks, page.totalCount(), hasMore, hasMore ? offset + limit : null));
  }

  @GetMapping("/result")
  @Operation(
      operationId = "task_result",
      summary = "获取任务结果 / Get a task's result",
      description =
          """
          根据任务 ID 获取任务结果。已完成或已失败的任务返回 200 及完整任务 (失败时含 error_message);\
          排队中或处理中的任务返回 HTTP 202, detail 中包含当前阶段 (stage) 和进度 (progress)。

          Get a task by id. A completed or failed task answers 200 with the full task (a failed \
          one carries error_message). A queued or running task answers HTTP 202 with its current \
          stage and progress in detail.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "任务已完成或失败 / Task completed or failed"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "202",
        description = "任务排队中或处理中 / Task queued or processing",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "task_id 无效 / task_id is not a number",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务不存在 / Task not found",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<TaskView> result(
      HttpServletRequest request,
      @Parameter(description = "任务 ID / Task ID", required = true, example = "1")
          @RequestParam(name = "task_id")
          String taskId) {
    long id = taskId(taskId);
    TaskRecord task = store.find(id).orElseThrow(() -> notFound());
    if (task.status() == TaskStatus.QUEUED || task.status() == TaskStatus.PROCESSING) {
      Optional<TaskProgress> live;
      try {
        live = workflows.progress(id);
      } catch (RuntimeException e) {
        log.warn("Could not query the progress of task {}", id, e);
        live = Optional.empty();
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("task_id", id);
      extra.put("status", TaskView.lower(task.status()));
      extra.put("stage", live.map(p -> p.stage().wireName()).orElse(task.stage()));
      extra.put("progress", live.map(TaskProgress::progress).orElse(task.progress()));
      throw new ApiException(
          HttpStatus.ACCEPTED,
          task.status() == TaskStatus.QUEUED ? MSG_QUEUED : MSG_PROCESSING,
          extra);
    }
    return ApiResponse.ok(
        RequestInfo.of(request), taskIdParams(id), TaskView.of(task, outputUrl(request, id), true));
  }

  @DeleteMapping("/delete")
  @Operation(
      operationId = "delete_task",
      summary = "删除任务 / Delete a task",
      description =
          """
          根据任务 ID 删除任务: 取消正在运行的工作流, 删除上传的文件, 并永久删除任务记录。

          Delete a task by id: cancels its running workflow, deletes its uploaded file and \
          permanently deletes the task record.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "任务已删除 / Task deleted"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务不存在 / Task not found",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<Map<String, Object>> delete(
      HttpServletRequest request,
      @Parameter(description = "任务 ID / Task ID", required = true, example = "1")
          @RequestParam(name = "task_id")
          String taskId) {
    long id = taskId(taskId);
    TaskRecord task = store.find(id).orElseThrow(() -> notFound());
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
      throw notFound();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("task_id", id);
    data.put("message", "Task deleted successfully");
    return ApiResponse.ok(RequestInfo.of(request), taskIdParams(id), data);
  }

  /**
   * The multipart body of {@code create}, for the OpenAPI document only.
   *
   * @param fileUpload the media file
   */
  @Schema(name = "CreateTaskUpload", description = "上传表单 / Upload form")
  record UploadForm(
      @Schema(
              description = "媒体文件 (音频或视频) / Media file (audio or video)",
              type = "string",
              format = "binary")
          @com.fasterxml.jackson.annotation.JsonProperty("file_upload")
          String fileUpload) {}

  /**
   * A page of tasks.
   *
   * @param tasks the tasks
   * @param totalCount tasks matching the filters
   * @param hasMore whether more tasks follow this page
   * @param nextOffset offset of the next page, or {@code null}
   */
  @Schema(description = "任务列表 / Task list")
  public record TaskList(
      @Schema(description = "任务 / Tasks") @com.fasterxml.jackson.annotation.JsonProperty("tasks")
          List<TaskView> tasks,
      @Schema(description = "符合条件的任务总数 / Number of matching tasks")
          @com.fasterxml.jackson.annotation.JsonProperty("total_count")
          long totalCount,
      @Schema(description = "是否还有更多 / Whether more tasks follow")
          @com.fasterxml.jackson.annotation.JsonProperty("has_more")
          boolean hasMore,
      @Schema(description = "下一页的 offset, 没有时为 null / Offset of the next page, or null")
          @com.fasterxml.jackson.annotation.JsonProperty("next_offset")
          Integer nextOffset) {}

  private Path storeUpload(MultipartFile file) {
    try {
      return uploads.store(file);
    } catch (IOException e) {
      throw new IllegalStateException("Could not store the upload", e);
    }
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
    return p;
  }

  private static Map<String, Object> taskIdParams(long id) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("task_id", id);
    return p;
  }

  private static long taskId(String value) {
    String v = Params.blankToNull(value);
    if (v == null) {
      throw ApiException.badRequest("The 'task_id' parameter is required");
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter 'task_id'; expected an integer task ID".formatted(v));
    }
  }

  private static ApiException notFound() {
    return new ApiException(HttpStatus.NOT_FOUND, MSG_NOT_FOUND);
  }

  /** {@code <base>/api/whisper/tasks/result?task_id=<id>}; base is stt.public-url if set. */
  private String outputUrl(HttpServletRequest request, long id) {
    String base = properties.publicUrl();
    if (base == null || base.isBlank()) {
      base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
    base = base.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/api/whisper/tasks/result?task_id=" + id;
  }
}
