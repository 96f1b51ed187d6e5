package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A page of tasks.
 *
 * @param tasks the tasks
 * @param totalCount tasks matching the filters
 * @param hasMore whether more tasks follow this page
 * @param nextOffset offset of the next page, or {@code null}
 */
@Schema(description = "任务列表 / Task list")
public record TaskList(
    @Schema(description = "任务 / Tasks") @JsonProperty("tasks") List<TaskView> tasks,
    @Schema(description = "符合条件的任务总数 / Number of matching tasks") @JsonProperty("total_count")
        long totalCount,
    @Schema(description = "是否还有更多 / Whether more tasks follow") @JsonProperty("has_more")
        boolean hasMore,
    @Schema(description = "下一页的 offset, 没有时为 null / Offset of the next page, or null")
        @JsonProperty("next_offset")
        Integer nextOffset) {}
