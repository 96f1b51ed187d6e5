package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  "completed_at",
  "run_id",
  "run_step",
  "callback_attempts",
  "callback_state",
  "summaries",
  "crawl",
  "subtitles"
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
    @Schema(description = "上传文件的存储键 / Storage key of the stored upload") @JsonProperty("file_path")
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
                "处理阶段: queued, 正在运行的步骤 (downloading, extracting_audio, transcribing,"
                    + " writing_subtitles), completed, failed / Stage: queued, the running step of"
                    + " the task's pipeline (downloading, extracting_audio, transcribing,"
                    + " writing_subtitles when subtitle_formats was given), completed, failed")
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
        String completedAt,
    @Schema(
            description =
                "创建此任务的工作流运行 ID (tasks/create 的任务为 null) / The definition run that"
                    + " created the task (null for a tasks/create task)")
        @JsonProperty("run_id")
        String runId,
    @Schema(
            description =
                "创建此任务的步骤 (for_each 元素带 #序号) / The run's step that created it (#index for"
                    + " a for_each element)")
        @JsonProperty("run_step")
        String runStep,
    @Schema(description = "最近一次回调投递的尝试次数 / Attempts of the last callback delivery")
        @JsonProperty("callback_attempts")
        int callbackAttempts,
    @Schema(
            description =
                "回调状态: pending, delivered, dead (无回调时为 null) / Callback state: pending,"
                    + " delivered, dead (null without a callback)")
        @JsonProperty("callback_state")
        String callbackState,
    @Schema(
            description =
                "保存的 LLM 摘要 (仅 tasks/result 返回) / Stored LLM summaries (only in tasks/result)")
        @JsonProperty("summaries")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<SummaryView> summaries,
    @Schema(
            description =
                "抓取的抖音/TikTok 作品信息 (仅 video_task 创建的任务) / The crawled Douyin/TikTok post"
                    + " (tasks created by video_task only): platform, post_id, post_url,"
                    + " source_url, kind, title, author, duration_seconds, cover_url,"
                    + " published_at, media_url, and raw (the platform's JSON) when saved")
        @JsonProperty("crawl")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Map<String, Object> crawl,
    @Schema(
            description =
                "为任务保存的字幕文件及下载地址 (仅 tasks/result 返回; subtitle_formats 创建的任务完成后才有)"
                    + " / The subtitle files kept for the task, with download URLs (only in"
                    + " tasks/result; a task created with subtitle_formats has them once"
                    + " completed)")
        @JsonProperty("subtitles")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<SubtitleFileView> subtitles) {

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
    return of(t, t.filePath(), outputUrl, includeResult);
  }

  /**
   * The body of the task's callback: the view {@code tasks/result} shows, without a file path that
   * names a place on the server (rows from before storage keys held absolute paths).
   */
  public static TaskView forCallback(TaskRecord t, String outputUrl) {
    String key = t.filePath();
    boolean serverPath =
        key != null && (key.startsWith("/") || key.startsWith("\\") || key.matches("^[A-Za-z]:.*"));
    return of(t, serverPath ? null : key, outputUrl, true);
  }

  private static TaskView of(
      TaskRecord t, String filePath, String outputUrl, boolean includeResult) {
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
        filePath,
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
        time(t.completedAt()),
        t.run() == null ? null : t.run().runId(),
        t.run() == null ? null : t.run().step(),
        t.callbackAttempts(),
        t.callbackState(),
        null,
        null,
        null);
  }

  /** This view with the task's stored summaries (the result endpoint lists them). */
  TaskView withSummaries(List<SummaryView> list) {
    return with(List.copyOf(list), crawl, subtitles);
  }

  /** This view with the crawled post's metadata ({@code null}: none). */
  TaskView withCrawl(Map<String, Object> metadata) {
    return with(summaries, metadata, subtitles);
  }

  /** This view with the subtitle files kept for the task (the result endpoint lists them). */
  TaskView withSubtitles(List<SubtitleFileView> files) {
    return with(summaries, crawl, List.copyOf(files));
  }

  /** The same view with the parts only the result endpoint adds. */
  private TaskView with(
      List<SummaryView> summaryList,
      Map<String, Object> crawlMetadata,
      List<SubtitleFileView> subtitleFiles) {
    return new TaskView(
        id,
        status,
        callbackUrl,
        callbackStatusCode,
        callbackMessage,
        callbackTime,
        priority,
        engineName,
        taskType,
        createdAt,
        updatedAt,
        taskProcessingTime,
        filePath,
        fileUrl,
        fileName,
        fileSizeBytes,
        fileDuration,
        language,
        platform,
        decodeOptions,
        errorMessage,
        outputUrl,
        result,
        stage,
        progress,
        modelName,
        startedAt,
        completedAt,
        runId,
        runStep,
        callbackAttempts,
        callbackState,
        summaryList,
        crawlMetadata,
        subtitleFiles);
  }
}
