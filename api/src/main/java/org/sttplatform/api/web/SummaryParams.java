package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The parameters of {@code POST /api/chatgpt/summary} as form fields or query parameters (a JSON
 * body, as the original service read, is {@link SummaryRequest}); {@code null} or blank means the
 * default. {@link TaskSummaries} validates them.
 */
record SummaryParams(
    @Parameter(
            name = "task_id",
            in = ParameterIn.QUERY,
            required = true,
            description = "已完成任务的 ID / ID of a completed task",
            example = "1",
            schema = @Schema(type = "integer", format = "int64", minimum = "0"))
        @BindParam("task_id")
        String taskId,
    @Parameter(
            name = "chatgpt_api_key",
            in = ParameterIn.QUERY,
            description =
                "LLM API 密钥, 为空则使用服务器的 STT_LLM_API_KEY; 不会回显、记录或存储 / API key"
                    + " of the LLM server; empty uses the server's STT_LLM_API_KEY. Never echoed,"
                    + " logged or stored (send it as a form field or in the JSON body rather than"
                    + " in the URL)")
        @BindParam("chatgpt_api_key")
        String chatgptApiKey,
    @Parameter(
            name = "chatgpt_prompt",
            in = ParameterIn.QUERY,
            description = "提示词, 为空则使用默认提示词 / Instruction; empty uses the default prompt")
        @BindParam("chatgpt_prompt")
        String chatgptPrompt,
    @Parameter(
            name = "chatgpt_model",
            in = ParameterIn.QUERY,
            description = "模型名, 为空则使用 STT_LLM_MODEL / Model; empty uses STT_LLM_MODEL")
        @BindParam("chatgpt_model")
        String chatgptModel,
    @Parameter(
            name = "output_language",
            in = ParameterIn.QUERY,
            description = "摘要的语言 / Language of the summary",
            schema = @Schema(defaultValue = "en"))
        @BindParam("output_language")
        String outputLanguage,
    @Parameter(
            name = "save_to_database",
            in = ParameterIn.QUERY,
            description = "是否保存摘要 (随任务结果列出) / Store the summary (listed with the task's result)",
            schema = @Schema(type = "boolean", defaultValue = "true"))
        @BindParam("save_to_database")
        String saveToDatabase) {

  /** Without the key, should anything log the parameters. */
  @Override
  public String toString() {
    return "SummaryParams[taskId=%s, chatgptApiKey=%s, chatgptPrompt=%s, chatgptModel=%s,"
            .formatted(taskId, chatgptApiKey == null ? null : "***", chatgptPrompt, chatgptModel)
        + " outputLanguage=%s, saveToDatabase=%s]".formatted(outputLanguage, saveToDatabase);
  }
}
