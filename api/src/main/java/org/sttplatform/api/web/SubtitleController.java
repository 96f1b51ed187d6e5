package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.activities.subtitles.StoredSubtitles;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.activities.subtitles.SubtitleOptions;
import org.sttplatform.activities.subtitles.SubtitleWriter;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskRecord;

/**
 * Subtitle downloads: {@code generate_subtitles} (the seed's path) writes a completed task's
 * transcript as SRT, WebVTT, TXT, TSV or JSON on the fly; {@code tasks/subtitles} lists and serves
 * the files a {@code subtitles} step kept for a task.
 */
@RestController
@RequestMapping("/api/whisper")
@Tag(name = "Whisper-Tasks", description = "Whisper 语音识别任务 / Whisper speech-to-text tasks")
public class SubtitleController {
  private static final Logger log = LoggerFactory.getLogger(SubtitleController.class);
  static final String OUTPUT_FORMAT = "output_format";

  private final TaskSubtitles subtitles;
  private final SttProperties properties;

  SubtitleController(TaskSubtitles subtitles, SttProperties properties) {
    this.subtitles = subtitles;
    this.properties = properties;
  }

  @GetMapping("/generate_subtitles")
  @Operation(
      operationId = "generate_subtitles",
      summary = "生成字幕文件 / Generate a subtitle file",
      description =
          """
          将已完成任务的识别结果生成为字幕文件并以附件形式下载: srt、vtt、txt、tsv (毫秒, 与 whisper 相同) 或 \
          json (完整识别结果)。字幕按词边界切分 (有词级时间戳时使用词的时间, 否则按字符比例分配时间), \
          中文等无空格文本按字符换行并优先在标点 (，。！？、；：) 之后断行。文件名取自任务的媒体文件名。\
          任务不存在返回 404; 任务未完成 (queued、processing、failed) 返回 409 并给出其状态; 参数错误返回 400。

          Download a completed task's transcript as a subtitle file: srt, vtt, txt, tsv (times in \
          milliseconds, as whisper writes it) or json (the full result). Cues break on word \
          boundaries (at the word timings when the task has them, else with the time spread by \
          characters); text without spaces, such as Chinese, wraps between characters and \
          prefers to break after punctuation (，。！？、；：). The file is named after the task's \
          media. 404 for an unknown task, 409 naming its status for a task that is not completed \
          (queued, processing, failed), 400 for an invalid parameter.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "字幕文件 (附件) / The subtitle file (attachment)",
        content = {
          @Content(mediaType = "application/x-subrip"),
          @Content(mediaType = "text/vtt"),
          @Content(mediaType = "text/plain"),
          @Content(mediaType = "text/tab-separated-values"),
          @Content(mediaType = "application/json")
        }),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description =
            "参数错误, 或 highlight_words 需要词级时间戳 / Invalid parameter, or highlight_words"
                + " without word timings",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务不存在 / Task not found",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "409",
        description = "任务尚未完成 / Task not completed",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public void generate(
      HttpServletResponse response,
      @Parameter(
              description = "任务 ID / Task ID",
              required = true,
              example = "1",
              schema = @Schema(type = "integer", format = "int64", minimum = "0"))
          @RequestParam(name = "task_id", required = false)
          String taskId,
      @Parameter(
              description = "输出格式 / Output format",
              schema =
                  @Schema(
                      allowableValues = {"srt", "vtt", "txt", "tsv", "json"},
                      defaultValue = "srt"))
          @RequestParam(name = OUTPUT_FORMAT, required = false)
          String outputFormat,
      @Parameter(
              description =
                  "每行最大宽度 (列数, 中日文字符计 2 列), 1-1000, 默认 42 / Widest line in"
                      + " columns (a CJK character counts 2), 1-1000, default 42")
          @RequestParam(name = SubtitleOptions.MAX_LINE_WIDTH, required = false)
          String maxLineWidth,
      @Parameter(description = "每条字幕最多行数, 1-10, 默认 2 / Most lines per cue, 1-10, default 2")
          @RequestParam(name = SubtitleOptions.MAX_LINE_COUNT, required = false)
          String maxLineCount,
      @Parameter(
              description =
                  "每条字幕最长秒数, 0.5-3600, 默认不限 / Longest cue in seconds, 0.5-3600, no"
                      + " limit by default")
          @RequestParam(name = SubtitleOptions.MAX_CUE_DURATION, required = false)
          String maxCueDuration,
      @Parameter(
              description =
                  "逐词高亮 (<u>), 仅 srt/vtt, 需要词级时间戳 / One cue per word with the word"
                      + " underlined (<u>), srt and vtt only; needs word timings")
          @RequestParam(name = SubtitleOptions.HIGHLIGHT_WORDS, required = false)
          String highlightWords)
      throws IOException {
    long id = Params.taskId(taskId);
    String formatName = Params.blankToNull(outputFormat);
    SubtitleFormat format =
        SubtitleFormat.parse(OUTPUT_FORMAT, formatName == null ? "srt" : formatName);
    Map<String, Object> values = new HashMap<>();
    values.put(SubtitleOptions.MAX_LINE_WIDTH, maxLineWidth);
    values.put(SubtitleOptions.MAX_LINE_COUNT, maxLineCount);
    values.put(SubtitleOptions.MAX_CUE_DURATION, maxCueDuration);
    values.put(SubtitleOptions.HIGHLIGHT_WORDS, highlightWords);
    SubtitleOptions options = SubtitleOptions.from(values);
    TaskRecord task = subtitles.completed(id);
    // Before the first byte: a refusal can still be an error answer.
    SubtitleWriter.check(task.result(), format, options);

    startDownload(response, format, TaskSubtitles.downloadName(task, format.extension()));
    try {
      SubtitleWriter.write(task.result(), format, options, response.getOutputStream());
    } catch (IOException e) {
      // Only the connection can fail here (the client went away): nothing left to answer.
      log.debug("Subtitle download of task {} ended early: {}", id, e.toString());
    }
  }

  @GetMapping("/tasks/subtitles")
  @Operation(
      operationId = "task_subtitle_files",
      summary = "列出任务已保存的字幕文件 / List a task's stored subtitle files",
      description =
          """
          列出 subtitles 步骤为该任务保存的字幕文件 (格式、文件名、字节数、下载地址); 没有则为空列表。

          List the subtitle files a subtitles step kept for the task (format, name, size in bytes, \
          download URL); an empty list if there are none.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "文件列表 / The files",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiEnvelopes.OfSubtitleFiles.class),
                examples = {
                  @ExampleObject(name = "files", value = EndpointExamples.SUBTITLE_FILES_200)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "task_id 无效 / task_id is not a number",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "bad_task_id",
                      value = EndpointExamples.SUBTITLE_FILES_400_BAD_TASK_ID)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务不存在 / Task not found",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "not_found",
                      value = EndpointExamples.SUBTITLE_FILES_404_NOT_FOUND)
                }))
  })
  public ApiResponse<SubtitleFileView.Listing> storedFiles(
      HttpServletRequest request,
      @Parameter(
              description = "任务 ID / Task ID",
              required = true,
              example = "1",
              schema = @Schema(type = "integer", format = "int64", minimum = "0"))
          @RequestParam(name = "task_id", required = false)
          String taskId) {
    long id = Params.taskId(taskId);
    SubtitleFileView.Listing data =
        new SubtitleFileView.Listing(
            id, subtitles.views(id, TaskUrls.baseUrl(request, properties)));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("task_id", id);
    return ApiResponse.ok(RequestInfo.of(request), params, data);
  }

  @GetMapping("/tasks/subtitles/download")
  @Operation(
      operationId = "download_task_subtitle_file",
      summary = "下载任务已保存的字幕文件 / Download a stored subtitle file",
      description =
          """
          下载 subtitles 步骤为该任务保存的一个字幕文件, name 为列表中的文件名。

          Download one of the subtitle files a subtitles step kept for the task; name is a file \
          name from the listing.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "字幕文件 (附件) / The file (attachment)",
        content = {
          @Content(mediaType = "application/x-subrip"),
          @Content(mediaType = "text/vtt"),
          @Content(mediaType = "text/plain"),
          @Content(mediaType = "text/tab-separated-values"),
          @Content(mediaType = "application/json")
        }),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "task_id 无效或缺少 name / Invalid task_id, or no name",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务或文件不存在 / Task or file not found",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public void downloadStored(
      HttpServletResponse response,
      @Parameter(
              description = "任务 ID / Task ID",
              required = true,
              example = "1",
              schema = @Schema(type = "integer", format = "int64", minimum = "0"))
          @RequestParam(name = "task_id", required = false)
          String taskId,
      @Parameter(description = "文件名 / File name", required = true, example = "meeting.srt")
          @RequestParam(name = "name", required = false)
          String name)
      throws IOException {
    long id = Params.taskId(taskId);
    if (name == null || name.isEmpty()) {
      throw ApiException.badRequest("The 'name' parameter is required");
    }
    StoredSubtitles.StoredFile file = subtitles.storedFile(id, name);
    startDownload(response, file.format(), file.name());
    response.setContentLengthLong(Files.size(file.path()));
    try (InputStream in = Files.newInputStream(file.path())) {
      OutputStream out = response.getOutputStream();
      try {
        in.transferTo(out);
      } catch (IOException e) {
        log.debug("Download of {} ended early: {}", file.path(), e.toString());
      }
    }
  }

  private static void startDownload(
      HttpServletResponse response, SubtitleFormat format, String fileName) {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(format.mediaType() + ";charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Attachments.contentDisposition(fileName));
    response.setHeader("X-Content-Type-Options", "nosniff");
  }
}
