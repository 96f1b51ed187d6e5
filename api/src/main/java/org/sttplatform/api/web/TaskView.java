package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.Transcript;

/**
 * A task as the API shows it: the seed's {@code Task.to_dict()} keys in the seed's order, then our
 * additions. Times are ISO-8601 UTC with milliseconds, enums lower-case.
 */
@JsonPropertyOrder({
  "id",
  "status",
  "callback_url",
  "callback_status_code",
  "callback_message",
  "callback_time",
  "priority",
  "engine_name",
  "task_type",
  "created_at",
  "updated_at",
  "task_processing_time",
  "file_path",
  "file_url",
  "file_name",
  "file_size_bytes",
  "file_duration",
  "language",
  "platform",
  "decode_options",
  "error_message",
  "output_url",
  "result",
  "stage",
  "progress",
  "model_name",
  "started_at",
  "completed_at"
})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "任务 / Task")
public record TaskView(
    @Schema(description = "任务 ID / Task ID", example = "1") @JsonProperty("id") long id,
    @Schema(
            description =
                "任务状态: queued, processing, completed, failed / Task status: queued, processing,"
                    + " completed, failed",
            allowableValues = {"queued", "processing", "completed", "failed"})
        @JsonProperty("status")
        String status,
    @Schema(description = "回调地址 / Callback URL") @JsonProperty("callback_url") String callbackUrl,
    @Schema(description = "回调响应状态码 / HTTP status of the callback response")
        @JsonProperty("callback_status_code")
        Integer callbackStatusCode,
    @Schema(description = "回调响应内容 (截断) / Callback response body (truncated)")
        @JsonProperty("callback_message")
        String callbackMessage,
    @Schema(description = "回调时间 (ISO-8601 UTC) / Callback time (ISO-8601 UTC)")
        @JsonProperty("callback_time")
        String callbackTime,
    @Schema(description = "优先级: high, normal, low / Priority: high, normal, low")
        @JsonProperty("priority")
        String priority,
    @Schema(description = "识别引擎 / Engine name", example = "whisper.cpp")
        @JsonProperty("engine_name")
        String engineName,
    @Schema(description = "任务类型: transcribe, translate / Task type: transcribe, translate")
        @JsonProperty("task_type")
        String taskType,
    @Schema(
            description = "创建时间 (ISO-8601 UTC) / Creation time (ISO-8601 UTC)",
            example = "2026-11-24T18:00:00.123Z")
        @JsonProperty("created_at")
        String createdAt,
    @Schema(description = "最后更新时间 (ISO-8601 UTC) / Last update (ISO-8601 UTC)")
        @JsonProperty("updated_at")
        String updatedAt,
    @Schema(description = "处理耗时 (秒) / Processing time in seconds")
        @JsonProperty("task_processing_time")
        Double taskProcessingTime,
    @Schema(description = "上传文件的存储路径 / Path of the stored upload") @JsonProperty("file_path")
        String filePath,
    @Schema(description = "媒体文件链接 / Media URL") @JsonProperty("file_url") String fileUrl,
    @Schema(description = "文件名 / File name") @JsonProperty("file_name") String fileName,
    @Schema(description = "文件大小 (字节) / File size in bytes") @JsonProperty("file_size_bytes")
        Long fileSizeBytes,
    @Schema(description = "媒体时长 (秒) / Media duration in seconds") @JsonProperty("file_duration")
        Double fileDuration,
    @Schema(description = "检测到的语言 / Detected language") @JsonProperty("language") String language,
    @Schema(description = "平台标签 / Platform label") @JsonProperty("platform") String platform,
    @Schema(description = "解码参数 / Decode options") @JsonProperty("decode_options")
        DecodeOptions decodeOptions,
    @Schema(description = "错误信息 / Error message") @JsonProperty("error_message")
        String errorMessage,
    @Schema(description = "结果查询地址 / URL of the task result") @JsonProperty("output_url")
        String outputUrl,
    @Schema(
            description =
                "识别结果 (任务完成后才有; 列表查询默认不返回, 见 include_result) / Transcript (only"
                    + " once completed; omitted in listings unless include_result is true)")
        @JsonProperty("result")
        Transcript result,
    @Schema(
            description =
                "处理阶段: queued, downloading, extracting_audio, transcribing, storing, completed,"
                    + " failed / Pipeline stage")
        @JsonProperty("stage")
        String stage,
    @Schema(description = "总体进度 0.0–1.0 / Overall progress 0.0–1.0") @JsonProperty("progress")
        double progress,
    @Schema(description = "Whisper 模型名 / Whisper model name", example = "base")
        @JsonProperty("model_name")
        String modelName,
    @Schema(description = "开始处理时间 (ISO-8601 UTC) / Processing start (ISO-8601 UTC)")
        @JsonProperty("started_at")
        String startedAt,
    @Schema(description = "完成或失败时间 (ISO-8601 UTC) / Completion time (ISO-8601 UTC)")
        @JsonProperty("completed_at")
        String completedAt) {

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Formats an instant as ISO-8601 UTC with milliseconds, e.g. 2026-11-24T18:00:00.123Z. */
  static String time(Instant instant) {
    return instant == null ? null : ISO_MILLIS.format(instant);
  }

  static String lower(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param outputUrl the result URL of this task
   * @param includeResult whether to include the (possibly large) transcript
   */
  static TaskView of(TaskRecord t, String outputUrl, boolean includeResult) {
    return new TaskView(
        t.id(),
        lower(t.status()),
        Params.withoutPassword(t.callbackUrl()),
        t.callbackStatusCode(),
        t.callbackMessage(),
        time(t.callbackTime()),
        lower(t.priority()),
        t.engineName(),
        lower(t.taskType()),
        time(t.createdAt()),
        time(t.updatedAt()),
        t.taskProcessingTime(),
        t.filePath(),
        Params.withoutPassword(t.fileUrl()),
        t.fileName(),
        t.fileSizeBytes(),
        t.fileDuration(),
        t.language(),
        t.platform(),
        t.decodeOptions(),
        t.errorMessage(),
        outputUrl,
        includeResult ? t.result() : null,
        t.stage(),
        t.progress(),
        t.modelName(),
        time(t.startedAt()),
        time(t.completedAt()));
  }
}
