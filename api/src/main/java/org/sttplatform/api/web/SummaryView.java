package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.sttplatform.api.store.SummaryRecord;

/** A stored summary as a task's result lists it. */
@Schema(description = "任务的 LLM 摘要 / An LLM summary of the task")
public record SummaryView(
    @Schema(description = "摘要 ID / Summary ID") @JsonProperty("id") long id,
    @Schema(description = "摘要 / Summary text") @JsonProperty("summary") String summary,
    @Schema(description = "模型 / Model that wrote it") @JsonProperty("model") String model,
    @Schema(description = "提示词 / Prompt it answered") @JsonProperty("prompt") String prompt,
    @Schema(description = "语言 / Output language") @JsonProperty("output_language")
        String outputLanguage,
    @Schema(description = "分块数 (1 表示一次完成) / Pieces it was made from (1: at once)")
        @JsonProperty("chunks")
        int chunks,
    @Schema(description = "创建时间 (ISO-8601 UTC) / Creation time") @JsonProperty("created_at")
        String createdAt) {

  static SummaryView of(SummaryRecord r) {
    return new SummaryView(
        r.id(),
        r.summary(),
        r.model(),
        r.prompt(),
        r.outputLanguage(),
        r.chunks(),
        TaskView.time(r.createdAt()));
  }
}
