package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskRecord;

/**
 * The seed's task endpoints under {@code /api/whisper/tasks} that create and list tasks; those on
 * one task by its {@code task_id} (result, delete) are {@link TaskByIdController}'s.
 */
@RestController
@RequestMapping(TaskUrls.TASKS)
@Tag(name = "Whisper-Tasks", description = "Whisper 语音识别任务 / Whisper speech-to-text tasks")
public class TaskController {
  private final TaskCreation creation;
  private final TaskListing listing;
  private final SttProperties properties;

  TaskController(TaskCreation creation, TaskListing listing, SttProperties properties) {
    this.creation = creation;
    this.listing = listing;
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

  /** The create parameters bind from request parameters only (not headers, no markers). */
  @InitBinder("createTaskParams")
  void bindRequestParametersOnly(WebDataBinder binder) {
    CreateTaskParams.bindFromRequestParametersOnly(binder);
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

  private String outputUrl(HttpServletRequest request, long id) {
    return TaskUrls.outputUrl(properties, request, id);
  }
}
