package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.sttplatform.workflows.fleet.WorkerReport;

/** One transcription worker in {@code GET /api/workers}. */
@JsonPropertyOrder({"id", "queue", "device", "status", "models", "slots", "last_heartbeat"})
@Schema(description = "转写工作节点 / Transcription worker")
public record WorkerView(
    @Schema(description = "节点 ID (STT_WORKER_ID) / Worker id", example = "gpu-host-1-cuda0")
        @JsonProperty("id")
        String id,
    @Schema(
            description = "节点专属任务队列 / The worker's own task queue",
            example = "stt-gpu@gpu-host-1-cuda0")
        @JsonProperty("queue")
        String queue,
    @Schema(description = "设备: cpu 或 cuda<N> / Device: cpu or cuda<N>", example = "cuda0")
        @JsonProperty("device")
        String device,
    @Schema(
            description =
                "online: 最近有心跳; stale: 超过 stt.fleet.stale-after 未报告 / online: reported"
                    + " recently; stale: silent longer than stt.fleet.stale-after",
            example = "online")
        @JsonProperty("status")
        String status,
    @Schema(description = "模型 / Models") @JsonProperty("models") Models models,
    @Schema(description = "槽位 / Slots") @JsonProperty("slots") Slots slots,
    @Schema(description = "最后心跳 (ISO-8601, UTC) / Last heartbeat (ISO-8601, UTC)")
        @JsonProperty("last_heartbeat")
        String lastHeartbeat) {

  /** The models of a worker. */
  @JsonPropertyOrder({"loaded", "on_disk"})
  @Schema(description = "模型 / Models")
  public record Models(
      @Schema(description = "已加载到内存 / Loaded in memory") @JsonProperty("loaded")
          List<String> loaded,
      @Schema(description = "模型目录中的文件 / Files in the models directory") @JsonProperty("on_disk")
          List<String> onDisk) {}

  /** A worker's transcription slots ({@code STT_WHISPER_POOL_SIZE}). */
  @JsonPropertyOrder({"total", "busy", "free"})
  @Schema(description = "槽位 / Slots")
  public record Slots(
      @Schema(description = "总数 / Total") @JsonProperty("total") int total,
      @Schema(description = "运行中或已被租用 / Running or leased") @JsonProperty("busy") int busy,
      @Schema(description = "空闲 / Free") @JsonProperty("free") int free) {}

  static WorkerView of(WorkerReport report, long now, Duration staleAfter) {
    return new WorkerView(
        report.workerId(),
        report.queue(),
        report.device(),
        now - report.reportedAt() > staleAfter.toMillis() ? "stale" : "online",
        new Models(report.loadedModels(), report.modelsOnDisk()),
        new Slots(report.slots(), Math.min(report.busy(), report.slots()), report.free()),
        Instant.ofEpochMilli(report.reportedAt()).toString());
  }
}
