package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The seed's error envelope: {@code {"detail": {"code", "message", "time", "router", "params"}}}.
 *
 * @param detail the error
 */
@Schema(description = "错误响应信封 / Error envelope")
public record ApiError(
    @Schema(description = "错误详情 / Error detail", requiredMode = Schema.RequiredMode.REQUIRED)
        Detail detail) {

  /**
   * @param code HTTP status code
   * @param message what went wrong, in words a client can act on
   * @param time when the error happened (ISO-8601 UTC)
   * @param router the full request URL
   * @param params the query parameters of the request
   * @param extra additional members, e.g. {@code stage} and {@code progress} of a running task
   */
  @JsonPropertyOrder({"code", "message", "time", "router", "params"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      description =
          "错误详情; 部分回答附加成员: 任务处理中 (202) 的 task_id, status, stage, progress,"
              + " 无法排队 (503) 的 task_id / Error detail; some answers add members: task_id,"
              + " status, stage and progress of a task in progress (202), task_id of a task that"
              + " could not be queued (503)",
      additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
  public record Detail(
      @Schema(description = "HTTP 状态码 / HTTP status code") int code,
      @Schema(description = "错误信息 / Error message") String message,
      @Schema(
              description = "错误发生时间 (ISO-8601 UTC) / Time of the error (ISO-8601 UTC)",
              example = "2026-11-24T18:00:00.123Z")
          String time,
      @Schema(description = "请求的完整 URL / Full request URL") String router,
      @Schema(
              description = "请求的查询参数 / Query parameters of the request",
              example = "{\"task_id\": \"1\"}")
          Map<String, Object> params,
      @Schema(hidden = true) @JsonAnyGetter Map<String, Object> extra) {}
}
