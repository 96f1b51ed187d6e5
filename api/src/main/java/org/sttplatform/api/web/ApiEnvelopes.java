package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The success envelope ({@link ApiResponse}) with a concrete {@code data} type, for the OpenAPI
 * document only: an annotation cannot name {@code ApiResponse<TaskView>}.
 */
final class ApiEnvelopes {
  private ApiEnvelopes() {}

  private static final String CODE = "HTTP 状态码 / HTTP status code";
  private static final String ROUTER = "请求的完整 URL / Full request URL";
  private static final String PARAMS = "影响结果的请求参数 / Request parameters that shaped the answer";

  @Schema(name = "ApiResponseTaskView", description = "成功响应: 一个任务 / Success: one task")
  record OfTask(
      @Schema(description = CODE) int code,
      @Schema(description = ROUTER) String router,
      @Schema(description = PARAMS) Map<String, Object> params,
      @Schema(description = "任务 / The task") TaskView data) {}

  @Schema(name = "ApiResponseTaskList", description = "成功响应: 任务列表 / Success: a page of tasks")
  record OfTaskList(
      @Schema(description = CODE) int code,
      @Schema(description = ROUTER) String router,
      @Schema(description = PARAMS) Map<String, Object> params,
      @Schema(description = "任务列表 / The page of tasks") TaskList data) {}

  @Schema(name = "ApiResponseDeleted", description = "成功响应: 已删除 / Success: deleted")
  record OfDeleted(
      @Schema(description = CODE) int code,
      @Schema(description = ROUTER) String router,
      @Schema(description = PARAMS) Map<String, Object> params,
      @Schema(description = "已删除的任务 / The deleted task") Deleted data) {}

  @Schema(
      name = "ApiResponseSubtitleFiles",
      description = "成功响应: 任务的字幕文件 / Success: a task's subtitle files")
  record OfSubtitleFiles(
      @Schema(description = CODE) int code,
      @Schema(description = ROUTER) String router,
      @Schema(description = PARAMS) Map<String, Object> params,
      @Schema(description = "字幕文件 / The files") SubtitleFileView.Listing data) {}

  /**
   * @param taskId the deleted task
   * @param message {@code Task deleted successfully}
   */
  record Deleted(
      @Schema(description = "任务 ID / Task ID") @JsonProperty("task_id") long taskId,
      @Schema(description = "说明 / Message") String message) {}
}
