package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Body of {@code POST /api/whisper/tasks/query}. Every field is optional and an absent or empty
 * field does not filter: an empty body lists all tasks (unlike the seed, whose defaults filtered
 * for completed, normal-priority faster_whisper tasks). Unknown fields are rejected (a misspelt
 * filter would otherwise silently list everything).
 */
@Schema(
    description =
        "任务查询条件 (全部可选, 空请求体返回全部任务) / Task filters (all optional; an empty body lists"
            + " all tasks)")
public record TaskQueryRequest(
    @Schema(
            description =
                "任务状态: queued, processing, completed, failed / Task status: queued, processing,"
                    + " completed, failed",
            allowableValues = {"queued", "processing", "completed", "failed"},
            nullable = true)
        @JsonProperty("status")
        String status,
    @Schema(
            description = "优先级: high, normal, low / Priority: high, normal, low",
            allowableValues = {"high", "normal", "low"},
            nullable = true)
        @JsonProperty("priority")
        String priority,
    @Schema(
            description =
                "创建时间下限 (含), ISO-8601, 无时区视为 UTC / Created at or after (inclusive),"
                    + " ISO-8601; no zone means UTC",
            example = "2026-11-24T00:00:00Z",
            nullable = true)
        @JsonProperty("created_after")
        String createdAfter,
    @Schema(
            description =
                "创建时间上限 (不含), ISO-8601, 无时区视为 UTC / Created before (exclusive), ISO-8601;"
                    + " no zone means UTC",
            example = "2026-11-25T00:00:00Z",
            nullable = true)
        @JsonProperty("created_before")
        String createdBefore,
    @Schema(description = "检测到的语言代码 / Detected language code", example = "zh", nullable = true)
        @JsonProperty("language")
        String language,
    @Schema(description = "识别引擎名 / Engine name", example = "whisper.cpp", nullable = true)
        @JsonProperty("engine_name")
        String engineName,
    @Schema(description = "是否已有结果 / Whether a result is stored", nullable = true)
        @JsonProperty("has_result")
        Boolean hasResult,
    @Schema(description = "是否有错误信息 / Whether an error message is stored", nullable = true)
        @JsonProperty("has_error")
        Boolean hasError,
    @Schema(
            description = "每页数量, 默认 20, 上限 200 / Page size, default 20, at most 200",
            example = "20",
            minimum = "1",
            nullable = true)
        @JsonProperty("limit")
        @JsonDeserialize(using = StrictIntegerDeserializer.class)
        Integer limit,
    @Schema(
            description = "跳过的记录数, 默认 0 / Rows to skip, default 0",
            example = "0",
            minimum = "0",
            nullable = true)
        @JsonProperty("offset")
        @JsonDeserialize(using = StrictIntegerDeserializer.class)
        Integer offset,
    @Schema(
            description =
                "是否在列表中返回完整识别结果 (默认 false, result 为 null) / Include the full"
                    + " transcript in the listing (default false: result is null)",
            nullable = true)
        @JsonProperty("include_result")
        Boolean includeResult,
    @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknownFields) {

  /** The fields this body accepts, in documentation order. */
  static final List<String> FIELDS =
      List.of(
          "status",
          "priority",
          "created_after",
          "created_before",
          "language",
          "engine_name",
          "has_result",
          "has_error",
          "limit",
          "offset",
          "include_result");

  static TaskQueryRequest empty() {
    return new TaskQueryRequest(
        null, null, null, null, null, null, null, null, null, null, null, Map.of());
  }
}
