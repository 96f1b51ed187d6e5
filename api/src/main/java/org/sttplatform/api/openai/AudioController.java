package org.sttplatform.api.openai;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v1/audio/transcriptions} and {@code /v1/audio/translations}: OpenAI's audio
 * endpoints, answered synchronously by a task of the seed pipeline (see {@link AudioRequests}).
 */
@RestController
@RequestMapping("/v1/audio")
@Tag(name = "OpenAI", description = "OpenAI 兼容接口 / OpenAI-compatible API")
class AudioController {
  private final AudioRequests requests;

  AudioController(AudioRequests requests) {
    this.requests = requests;
  }

  @PostMapping("/transcriptions")
  @Operation(
      operationId = "openai_create_transcription",
      summary = "语音转写 (OpenAI 兼容) / Transcribe audio (OpenAI-compatible)",
      description =
          """
          与 OpenAI 的 POST /v1/audio/transcriptions 兼容: 以 multipart/form-data 上传 file, 服务\
          创建一个普通任务 (与 /api/whisper/tasks/create 相同的流程, 可在任务列表中看到), 等待其完成\
          后同步返回结果 (最长 STT_OPENAI_MAX_WAIT, 默认 1 小时; 超时返回 504, 任务继续运行)。\
          响应头 x-stt-task-id 给出任务 ID。stream=true 时以 Server-Sent Events 返回 \
          transcript.text.delta 事件 (每个片段一个) 和最后的 transcript.text.done 事件。

          Compatible with OpenAI's POST /v1/audio/transcriptions: upload file as \
          multipart/form-data; the service creates an ordinary task (the same path as \
          /api/whisper/tasks/create, listed with the other tasks), waits for it and answers \
          synchronously (up to STT_OPENAI_MAX_WAIT, default 1 h; then 504 while the task keeps \
          running). The x-stt-task-id response header gives the task id. With stream=true the \
          answer is Server-Sent Events: one transcript.text.delta per segment, then \
          transcript.text.done.
          """)
  @ApiResponses({
    @ApiResponse(
        responseCode = "200",
        description = "识别结果, 格式由 response_format 决定 / The transcript in the asked response_format",
        content = {
          @Content(mediaType = "application/json"),
          @Content(mediaType = "text/plain"),
          @Content(mediaType = "application/x-subrip"),
          @Content(mediaType = "text/vtt"),
          @Content(mediaType = "text/event-stream")
        }),
    @ApiResponse(
        responseCode = "400",
        description = "参数错误 / Invalid parameter (named in error.param)",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "404",
        description = "模型不存在 / Unknown model",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "413",
        description = "文件过大或过长 / File too large or too long",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "415",
        description = "不是音频文件 / Not usable audio",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "500",
        description = "任务失败 / The task failed",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "504",
        description = "等待超时, 任务继续运行 / Timed out; the task keeps running",
        content = @Content(schema = @Schema(implementation = OpenAiError.class)))
  })
  void transcriptions(
      HttpServletRequest request,
      HttpServletResponse response,
      @Parameter(description = "音频或视频文件 / Audio or video file")
          @RequestParam(name = "file", required = false)
          MultipartFile file,
      @Parameter(description = MODEL_DOC, example = "whisper-1")
          @RequestParam(name = "model", required = false)
          String model,
      @Parameter(description = "语言代码 (ISO 639-1) / Language code (ISO 639-1); empty detects")
          @RequestParam(name = "language", required = false)
          String language,
      @Parameter(description = PROMPT_DOC) @RequestParam(name = "prompt", required = false)
          String prompt,
      @Parameter(description = TEMPERATURE_DOC)
          @RequestParam(name = "temperature", required = false)
          String temperature,
      @Parameter(
              description = FORMAT_DOC,
              schema =
                  @Schema(
                      allowableValues = {"json", "text", "srt", "vtt", "verbose_json"},
                      defaultValue = "json"))
          @RequestParam(name = "response_format", required = false)
          String responseFormat,
      @Parameter(
              name = "timestamp_granularities[]",
              description =
                  "时间戳粒度 segment 和/或 word, 需要 verbose_json / Timestamp granularities,"
                      + " segment and/or word (verbose_json only; word computes word timings)")
          @RequestParam(name = "timestamp_granularities[]", required = false)
          String[] granularities,
      @Parameter(description = STREAM_DOC, schema = @Schema(type = "boolean"))
          @RequestParam(name = "stream", required = false)
          String stream)
      throws IOException {
    requests.answer(
        new AudioRequest(
            false,
            file,
            model,
            language,
            prompt,
            temperature,
            responseFormat,
            AudioRequest.granularities(request, granularities),
            stream),
        response);
  }

  @PostMapping("/translations")
  @Operation(
      operationId = "openai_create_translation",
      summary = "语音翻译成英文 (OpenAI 兼容) / Translate audio into English (OpenAI-compatible)",
      description =
          """
          与 OpenAI 的 POST /v1/audio/translations 兼容: 识别并翻译成英文, 其余同 \
          /v1/audio/transcriptions。

          Compatible with OpenAI's POST /v1/audio/translations: transcribes into English; \
          otherwise as /v1/audio/transcriptions.
          """)
  @ApiResponses({
    @ApiResponse(
        responseCode = "200",
        description = "翻译结果 / The translation in the asked response_format",
        content = {
          @Content(mediaType = "application/json"),
          @Content(mediaType = "text/plain"),
          @Content(mediaType = "application/x-subrip"),
          @Content(mediaType = "text/vtt")
        }),
    @ApiResponse(
        responseCode = "400",
        description = "参数错误 / Invalid parameter (named in error.param)",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "404",
        description = "模型不存在 / Unknown model",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "413",
        description = "文件过大或过长 / File too large or too long",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "415",
        description = "不是音频文件 / Not usable audio",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "500",
        description = "任务失败 / The task failed",
        content = @Content(schema = @Schema(implementation = OpenAiError.class))),
    @ApiResponse(
        responseCode = "504",
        description = "等待超时, 任务继续运行 / Timed out; the task keeps running",
        content = @Content(schema = @Schema(implementation = OpenAiError.class)))
  })
  void translations(
      HttpServletRequest request,
      HttpServletResponse response,
      @Parameter(description = "音频或视频文件 / Audio or video file")
          @RequestParam(name = "file", required = false)
          MultipartFile file,
      @Parameter(description = MODEL_DOC, example = "whisper-1")
          @RequestParam(name = "model", required = false)
          String model,
      @Parameter(description = PROMPT_DOC) @RequestParam(name = "prompt", required = false)
          String prompt,
      @Parameter(description = TEMPERATURE_DOC)
          @RequestParam(name = "temperature", required = false)
          String temperature,
      @Parameter(
              description = FORMAT_DOC,
              schema =
                  @Schema(
                      allowableValues = {"json", "text", "srt", "vtt", "verbose_json"},
                      defaultValue = "json"))
          @RequestParam(name = "response_format", required = false)
          String responseFormat)
      throws IOException {
    requests.answer(
        new AudioRequest(
            true, file, model, null, prompt, temperature, responseFormat, new String[0], null),
        response);
  }

  private static final String MODEL_DOC =
      "模型名; whisper-1 表示 worker 的默认模型, 其他名称原样传递 (见 GET /v1/models) / Model name;"
          + " whisper-1 is the workers' default model, other names are passed through (see GET"
          + " /v1/models)";
  private static final String PROMPT_DOC =
      "提示词 (即 initial_prompt) / Prompt for the first window (initial_prompt)";
  private static final String TEMPERATURE_DOC = "采样温度 0 到 1 / Sampling temperature between 0 and 1";
  private static final String FORMAT_DOC =
      "响应格式 / Response format: json, text, srt, vtt, verbose_json";
  private static final String STREAM_DOC =
      "为 true 时以 Server-Sent Events 返回 (json 或 text 格式) / true answers Server-Sent"
          + " Events (with json or text)";
}
