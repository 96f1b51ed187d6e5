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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskRecord;

/**
 * The seed's task endpoints under {@code /api/whisper/tasks} on one task, named by its {@code
 * task_id}: its result and its deletion. Creating and listing tasks are {@link TaskController}'s.
 */
@RestController
@RequestMapping(TaskUrls.TASKS)
@Tag(name = "Whisper-Tasks", description = "Whisper 语音识别任务 / Whisper speech-to-text tasks")
public class TaskByIdController {
  private final TaskResults results;
  private final TaskDeletion deletion;
  private final TaskSummaries summaries;
  private final TaskSubtitles subtitles;
  private final SttProperties properties;

  TaskByIdController(
      TaskResults results,
      TaskDeletion deletion,
      TaskSummaries summaries,
      TaskSubtitles subtitles,
      SttProperties properties) {
    this.results = results;
    this.deletion = deletion;
    this.summaries = summaries;
    this.subtitles = subtitles;
    this.properties = properties;
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
        TaskView.of(task, TaskUrls.outputUrl(properties, request, id), true)
            .withSummaries(summaries.stored(id))
            .withCrawl(results.crawl(id))
            .withSubtitles(subtitles.views(id, TaskUrls.baseUrl(request, properties))));
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
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description = "工作流服务不可用, 未删除任何内容 / Workflow service unavailable; nothing was deleted",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "workflow_unavailable",
                      value = ResultExamples.DELETE_TASK_503_WORKFLOW_UNAVAILABLE)
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
}
