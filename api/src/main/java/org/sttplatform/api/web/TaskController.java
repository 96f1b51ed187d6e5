package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskRecord;

/** The seed's task endpoints under {@code /api/whisper/tasks}. */
@RestController
@RequestMapping("/api/whisper/tasks")
@Tag(name = "Whisper-Tasks", description = "Whisper 语音识别任务 / Whisper speech-to-text tasks")
public class TaskController {
  private final TaskCreation creation;
  private final TaskListing listing;
  private final TaskResults results;
  private final TaskDeletion deletion;
  private final TaskSummaries summaries;
  private final TaskSubtitles subtitles;
  private final SttProperties properties;

  TaskController(
      TaskCreation creation,
      TaskListing listing,
      TaskResults results,
      TaskDeletion deletion,
      TaskSummaries summaries,
      TaskSubtitles subtitles,
      SttProperties properties) {
    this.creation = creation;
    this.listing = listing;
    this.results = results;
    this.deletion = deletion;
    this.summaries = summaries;
    this.subtitles = subtitles;
    this.properties = properties;
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
                      schema = @Schema(implementation = CreateTaskUpload.class))))
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "任务已创建 / Task created",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiEnvelopes.OfTask.class),
                examples = {
                  @ExampleObject(name = "queued", value = TaskExamples.CREATE_TASK_200_QUEUED)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "参数错误 / Invalid parameter",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "both_sources",
                      value = TaskExamples.CREATE_TASK_400_BOTH_SOURCES)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "413",
        description = "上传文件过大 / Upload larger than STT_UPLOAD_MAX_SIZE",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(name = "too_large", value = TaskExamples.CREATE_TASK_413_TOO_LARGE)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "415",
        description = "不是媒体文件或没有音频流 / Not a media file, or no audio stream",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(name = "no_audio", value = TaskExamples.CREATE_TASK_415_NO_AUDIO)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description =
            "工作流服务不可用, 任务已标记为失败 / Workflow service unavailable; the task was marked failed",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "workflow_unavailable",
                      value = TaskExamples.CREATE_TASK_503_WORKFLOW_UNAVAILABLE)
                }))
  })
  public ApiResponse<TaskView> create(
      HttpServletRequest request,
      @Parameter(description = "媒体文件 / Media file (audio or video)")
          @RequestParam(name = "file_upload", required = false)
          MultipartFile fileUpload,
      @ParameterObject CreateTaskParams params) {
    TaskCreation.Created created = creation.create(fileUpload, params);
    TaskRecord task = created.task();
    return ApiResponse.ok(
        RequestInfo.of(request),
        created.params(),
        TaskView.of(task, outputUrl(request, task.id()), true));
  }

  /**
   * The create parameters bind from request parameters only, as {@code @RequestParam} arguments
   * would: a data binder would otherwise also take request headers (a {@code Model} header would
   * set the model) and {@code _name} / {@code !name} marker parameters.
   */
  @InitBinder("createTaskParams")
  void bindRequestParametersOnly(WebDataBinder binder) {
    if (binder instanceof ExtendedServletRequestDataBinder servletBinder) {
      servletBinder.setHeaderPredicate(header -> false);
    }
    binder.setFieldMarkerPrefix(null);
    binder.setFieldDefaultPrefix(null);
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
        description = "查询结果 / Matching tasks",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiEnvelopes.OfTaskList.class),
                examples = {
                  @ExampleObject(name = "tasks", value = TaskExamples.QUERY_TASKS_200_TASKS)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "条件错误 / Invalid filter",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "bad_status",
                      value = TaskExamples.QUERY_TASKS_400_BAD_STATUS)
                }))
  })
  public ApiResponse<TaskList> query(
      HttpServletRequest request,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              description = "查询条件 / Filters",
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = TaskQueryRequest.class),
                      // The first is what "Try it out" sends: no filter, rather than sample
                      // values that would filter everything out.
                      examples = {
                        @ExampleObject(name = "all", summary = "所有任务 / All tasks", value = "{}"),
                        @ExampleObject(
                            name = "completed",
                            summary = "已完成, 每页 10 个 / Completed, 10 per page",
                            value = "{\"status\": \"completed\", \"limit\": 10}")
                      }))
          @RequestBody(required = false)
          TaskQueryRequest body) {
    TaskListing.Listed listed = listing.list(body, id -> outputUrl(request, id));
    return ApiResponse.ok(RequestInfo.of(request), listed.params(), listed.tasks());
  }

  @GetMapping("/result")
  @Operation(
      operationId = "task_result",
      summary = "获取任务结果 / Get a task's result",
      description =
          """
          根据任务 ID 获取任务结果。已完成或已失败的任务返回 200 及完整任务 (失败时含 error_message);\
          排队中或处理中的任务返回 HTTP 202, detail 中包含当前阶段 (stage) 和进度 (progress)。\
          summaries 列出保存的 LLM 摘要 (POST /api/chatgpt/summary, save_to_database), subtitles 列出\
          为任务保存的字幕文件及下载地址 (创建时的 subtitle_formats)。

          Get a task by id. A completed or failed task answers 200 with the full task (a failed \
          one carries error_message). A queued or running task answers HTTP 202 with its current \
          stage and progress in detail. summaries lists the stored LLM summaries \
          (POST /api/chatgpt/summary with save_to_database); subtitles lists the subtitle files \
          kept for the task (subtitle_formats at create) with their download URLs.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "任务已完成或失败 / Task completed or failed",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiEnvelopes.OfTask.class),
                examples = {
                  @ExampleObject(
                      name = "completed",
                      value = ResultExamples.TASK_RESULT_200_COMPLETED),
                  @ExampleObject(name = "failed", value = ResultExamples.TASK_RESULT_200_FAILED)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "202",
        description =
            "任务排队中或处理中 (错误信封形式, 含 stage 和 progress) / Task queued or processing (error-envelope shaped, with stage and progress)",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "processing",
                      value = ResultExamples.TASK_RESULT_202_PROCESSING),
                  @ExampleObject(name = "queued", value = ResultExamples.TASK_RESULT_202_QUEUED)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "task_id 无效 / task_id is not a number",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "bad_task_id",
                      value = ResultExamples.TASK_RESULT_400_BAD_TASK_ID)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务不存在 / Task not found",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "not_found",
                      value = ResultExamples.TASK_RESULT_404_NOT_FOUND)
                }))
  })
  public ApiResponse<TaskView> result(
      HttpServletRequest request,
      @Parameter(
              description = "任务 ID (非负整数, 例如 1) / Task ID (a non-negative integer, e.g. 1)",
              required = true,
              // Read as text so that "+1" or " 1" is refused rather than read as task 1.
              schema = @Schema(type = "integer", format = "int64", minimum = "0"))
          @RequestParam(name = "task_id")
          String taskId) {
    long id = Params.taskId(taskId);
    TaskRecord task = results.finished(id);
    return ApiResponse.ok(
        RequestInfo.of(request),
        taskIdParams(id),
        TaskView.of(task, outputUrl(request, id), true)
            .withSummaries(summaries.stored(id))
            .withCrawl(results.crawl(id))
            .withSubtitles(subtitles.views(id, baseUrl(request, properties))));
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
        description = "任务已删除 / Task deleted",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiEnvelopes.OfDeleted.class),
                examples = {
                  @ExampleObject(name = "deleted", value = ResultExamples.DELETE_TASK_200_DELETED)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "task_id 无效 / task_id is not a number",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "bad_task_id",
                      value = ResultExamples.DELETE_TASK_400_BAD_TASK_ID)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务不存在 / Task not found",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "not_found",
                      value = ResultExamples.DELETE_TASK_404_NOT_FOUND)
                }))
  })
  public ApiResponse<Map<String, Object>> delete(
      HttpServletRequest request,
      @Parameter(
              description = "任务 ID (非负整数, 例如 1) / Task ID (a non-negative integer, e.g. 1)",
              required = true,
              // Read as text so that "+1" or " 1" is refused rather than read as task 1.
              schema = @Schema(type = "integer", format = "int64", minimum = "0"))
          @RequestParam(name = "task_id")
          String taskId) {
    long id = Params.taskId(taskId);
    deletion.delete(id);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("task_id", id);
    data.put("message", "Task deleted successfully");
    return ApiResponse.ok(RequestInfo.of(request), taskIdParams(id), data);
  }

  private static Map<String, Object> taskIdParams(long id) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("task_id", id);
    return p;
  }

  private String outputUrl(HttpServletRequest request, long id) {
    return outputUrl(properties, request, id);
  }

  /** {@code <base>/api/whisper/tasks/result?task_id=<id>}; base is stt.public-url if set. */
  static String outputUrl(SttProperties properties, HttpServletRequest request, long id) {
    return baseUrl(request, properties) + "/api/whisper/tasks/result?task_id=" + id;
  }

  /** The service's URL without a trailing slash: stt.public-url if set, else the request's. */
  static String baseUrl(HttpServletRequest request, SttProperties properties) {
    String base = properties.publicUrl();
    if (base == null || base.isBlank()) {
      base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
    base = base.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }
}
