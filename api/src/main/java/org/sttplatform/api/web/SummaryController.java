package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;

/**
 * The original service's {@code POST /api/chatgpt/summary}: an LLM summary of a completed task's
 * transcript, from any OpenAI-compatible server ({@code STT_LLM_BASE_URL}). The request is a JSON
 * body, as the original read it, or form fields / query parameters, as {@code tasks/create} takes
 * them. The request waits for the answer (a long transcript takes one request per piece).
 */
@RestController
@RequestMapping("/api/chatgpt")
@Tag(name = "ChatGPT-Tasks", description = "LLM 摘要 / LLM summaries")
public class SummaryController {
  private static final String DESCRIPTION =
      """
      用 OpenAI 兼容的大模型 (STT_LLM_BASE_URL) 总结已完成任务的转录文本。超出模型上下文 \
      (STT_LLM_CONTEXT_TOKENS) 的长文本按分段切块, 先分块总结再汇总。参数可作为 JSON 请求体, \
      也可作为表单字段或查询参数。chatgpt_api_key 为空时使用服务器的 STT_LLM_API_KEY; 密钥不会回显、\
      记录或存储。save_to_database=true 时摘要随任务结果 (tasks/result 的 summaries) 列出。\
      任务排队或处理中返回 202, 失败返回 409, 大模型服务出错返回 502。

      Summarise a completed task's transcript with an OpenAI-compatible LLM (STT_LLM_BASE_URL). \
      A transcript longer than the model's context (STT_LLM_CONTEXT_TOKENS) is cut on segment \
      boundaries, each piece is summarised and the summaries are then combined. Parameters come \
      as a JSON body, or as form fields or query parameters. An empty chatgpt_api_key uses the \
      server's STT_LLM_API_KEY; keys are never echoed, logged or stored. With \
      save_to_database=true the summary is listed with the task's result (summaries in \
      tasks/result). A queued or running task answers 202, a failed one 409, a failing LLM \
      server 502.
      """;

  private final TaskSummaries summaries;

  SummaryController(TaskSummaries summaries) {
    this.summaries = summaries;
  }

  @PostMapping(path = "/summary", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "chatgpt_summary",
      summary = "总结任务 / Summarise a task",
      description = DESCRIPTION)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "摘要 / The summary"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "202",
        description = "任务排队中或处理中 / Task queued or processing",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "参数错误或未配置 API 密钥 / Invalid parameter, or no API key (STT_LLM_API_KEY)",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务不存在 / Task not found",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "409",
        description = "任务失败或没有文本 / Task failed, or has no text",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "502",
        description = "大模型服务出错 / The LLM server failed (its message in detail)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<Map<String, Object>> summaryFromJson(
      HttpServletRequest request,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "摘要请求 / Request")
          // Required: an optional body would make this mapping match bodiless form posts too.
          @RequestBody
          SummaryRequest body) {
    return answer(request, TaskSummaries.asked(body));
  }

  @PostMapping(path = "/summary")
  @Operation(
      operationId = "chatgpt_summary_form",
      summary = "总结任务 (表单或查询参数) / Summarise a task (form fields or query parameters)",
      description = DESCRIPTION)
  public ApiResponse<Map<String, Object>> summaryFromForm(
      HttpServletRequest request, @ParameterObject SummaryParams params) {
    return answer(request, TaskSummaries.asked(params));
  }

  private ApiResponse<Map<String, Object>> answer(
      HttpServletRequest request, TaskSummaries.Asked a) {
    TaskSummaries.Made made = summaries.summarize(a);
    return ApiResponse.ok(RequestInfo.of(request), made.params(), made.data());
  }

  /**
   * Request parameters only: a data binder would also bind headers (a {@code Chatgpt-Api-Key}
   * header would become the key) and marker parameters.
   */
  @InitBinder("summaryParams")
  void bindRequestParametersOnly(WebDataBinder binder) {
    if (binder instanceof ExtendedServletRequestDataBinder servletBinder) {
      servletBinder.setHeaderPredicate(header -> false);
    }
    binder.setFieldMarkerPrefix(null);
    binder.setFieldDefaultPrefix(null);
  }
}
