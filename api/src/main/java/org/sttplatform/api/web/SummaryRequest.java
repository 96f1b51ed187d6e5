package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * JSON body of {@code POST /api/chatgpt/summary}, the original service's {@code
 * ChatGPTTaskRequest}. Values are kept as parsed ({@code task_id} may be a number or a string of
 * digits, {@code save_to_database} a boolean or its text) and checked by {@link TaskSummaries};
 * unknown fields are rejected.
 */
@Schema(description = "摘要请求 / Summary request")
record SummaryRequest(
    // A number or a string of digits (the original's clients send either).
    @Schema(
            description = "已完成任务的 ID / ID of a completed task",
            example = "1",
            types = {"integer", "string"})
        @JsonProperty("task_id")
        Object taskId,
    @Schema(
            description =
                "LLM API 密钥, 为空则使用 STT_LLM_API_KEY; 不会回显、记录或存储 / API key; empty uses"
                    + " STT_LLM_API_KEY. Never echoed, logged or stored",
            type = "string",
            nullable = true)
        @JsonProperty("chatgpt_api_key")
        Object chatgptApiKey,
    @Schema(description = "提示词 / Instruction; empty uses the default", type = "string")
        @JsonProperty("chatgpt_prompt")
        Object chatgptPrompt,
    @Schema(description = "模型名 / Model; empty uses STT_LLM_MODEL", type = "string")
        @JsonProperty("chatgpt_model")
        Object chatgptModel,
    @Schema(description = "摘要的语言 / Language of the summary", example = "en", type = "string")
        @JsonProperty("output_language")
        Object outputLanguage,
    @Schema(description = "是否保存摘要 / Store the summary", example = "true", type = "boolean")
        @JsonProperty("save_to_database")
        Object saveToDatabase,
    @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknownFields) {

  /** The fields this body accepts. */
  static final List<String> FIELDS =
      List.of(
          "task_id",
          "chatgpt_api_key",
          "chatgpt_prompt",
          "chatgpt_model",
          "output_language",
          "save_to_database");

  /** Without the key: Spring logs request bodies it reads at DEBUG by their toString. */
  @Override
  public String toString() {
    return "SummaryRequest[taskId=%s, chatgptApiKey=%s, chatgptPrompt=%s, chatgptModel=%s,"
            .formatted(taskId, chatgptApiKey == null ? null : "***", chatgptPrompt, chatgptModel)
        + " outputLanguage=%s, saveToDatabase=%s, unknownFields=%s]"
            .formatted(
                outputLanguage,
                saveToDatabase,
                unknownFields == null ? null : unknownFields.keySet());
  }
}
