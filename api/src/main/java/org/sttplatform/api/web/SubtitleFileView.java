package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sttplatform.activities.subtitles.StoredSubtitles;

/**
 * A subtitle file kept for a task, as {@code tasks/subtitles} and a task's result list it.
 *
 * @param format {@code srt}, {@code vtt}, {@code txt}, {@code tsv} or {@code json}
 * @param name the file name, e.g. {@code meeting.srt}
 * @param size its size in bytes
 * @param downloadUrl where {@code tasks/subtitles/download} serves it
 */
@Schema(description = "为任务保存的字幕文件 / A subtitle file kept for the task")
public record SubtitleFileView(
    @Schema(
            description = "格式 / Format",
            allowableValues = {"srt", "vtt", "txt", "tsv", "json"},
            example = "srt")
        @JsonProperty("format")
        String format,
    @Schema(description = "文件名 / File name", example = "meeting.srt") @JsonProperty("name")
        String name,
    @Schema(description = "字节数 / Size in bytes", example = "2048") @JsonProperty("size") long size,
    @Schema(
            description = "下载地址 / Download URL",
            example =
                "http://localhost:8080/api/whisper/tasks/subtitles/download?task_id=1&name=meeting.srt")
        @JsonProperty("download_url")
        String downloadUrl) {

  /** The views of task {@code id}'s stored files, their URLs under {@code baseUrl}. */
  static List<SubtitleFileView> of(
      long id, List<StoredSubtitles.StoredFile> files, String baseUrl) {
    return files.stream()
        .map(
            f ->
                new SubtitleFileView(
                    f.format().wireName(), f.name(), f.size(), downloadUrl(baseUrl, id, f.name())))
        .toList();
  }

  private static String downloadUrl(String base, long id, String name) {
    return base
        + "/api/whisper/tasks/subtitles/download?task_id="
        + id
        + "&name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The data of {@code tasks/subtitles}.
   *
   * @param taskId the task
   * @param files its files, by name; empty if there are none
   */
  @Schema(name = "SubtitleFiles", description = "任务的字幕文件 / The task's subtitle files")
  public record Listing(
      @Schema(description = "任务 ID / Task ID", example = "1") @JsonProperty("task_id") long taskId,
      @Schema(description = "文件, 按文件名排序 / The files, by name") @JsonProperty("files")
          List<SubtitleFileView> files) {}
}
