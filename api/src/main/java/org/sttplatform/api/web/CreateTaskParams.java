package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;
import org.sttplatform.workflows.model.DecodeOptions;

/**
 * The text parameters of {@code POST /api/whisper/tasks/create}, as given: each may be a
 * multipart/form-data field or a query parameter, and {@code null} or blank means the default.
 * {@link TaskCreation} validates them. The file itself is not here: it is a multipart part.
 *
 * @param fileUrl media URL, the alternative to an upload
 * @param taskType transcribe or translate
 * @param callbackUrl notified with a POST when the task ends
 * @param priority high, normal or low
 * @param platform free label
 * @param model whisper model name
 * @param language ISO 639 code, or blank to detect
 * @param temperature one value or a fall-back list
 * @param compressionRatioThreshold decode again above this ratio
 * @param noSpeechThreshold silence above this probability
 * @param conditionOnPreviousText whether the previous text prompts the next window
 * @param initialPrompt prompt for the first window
 * @param wordTimestamps whether to return per-word timestamps
 * @param prependPunctuations merged into the following word
 * @param appendPunctuations merged into the preceding word
 * @param clipTimestamps clips to transcribe, in seconds
 * @param hallucinationSilenceThreshold optional silence threshold, in seconds
 * @param vadFilter decode only the speech regions voice activity detection finds
 * @param vadThreshold VAD speech probability threshold
 * @param vadNegThreshold VAD silence threshold
 * @param vadMinSpeechDurationMs shorter speech regions are dropped
 * @param vadMaxSpeechDurationS longer speech regions are split
 * @param vadMinSilenceDurationMs silence that ends a speech region
 * @param vadSpeechPadMs padding on each side of a speech region
 * @param beamSize beams of a beam search at temperature 0; blank decodes greedily
 * @param bestOf candidates sampled at each fall-back temperature above 0
 * @param patience beam-search patience (only 1.0: whisper.cpp does not implement it)
 * @param subtitleFormats subtitle files to write for the task once transcribed, a comma list
 */
public record CreateTaskParams(
    @Parameter(
            name = "file_url",
            in = ParameterIn.QUERY,
            description =
                "媒体文件链接 (http/https), 与 file_upload 二选一 / Media file URL (http/https);"
                    + " use either this or file_upload")
        @BindParam("file_url")
        String fileUrl,
    @Parameter(
            name = "task_type",
            in = ParameterIn.QUERY,
            description =
                "任务类型: transcribe (转录) 或 translate (翻译成英文) / Task type: transcribe, or"
                    + " translate (into English)",
            schema =
                @Schema(
                    allowableValues = {"transcribe", "translate"},
                    defaultValue = "transcribe"))
        @BindParam("task_type")
        String taskType,
    @Parameter(
            name = "callback_url",
            in = ParameterIn.QUERY,
            description =
                "回调地址, 任务完成或失败后以 POST 通知 / Callback URL notified with a POST when the"
                    + " task completes or fails")
        @BindParam("callback_url")
        String callbackUrl,
    @Parameter(
            name = "priority",
            in = ParameterIn.QUERY,
            description = "任务优先级 / Task priority: high, normal, low",
            schema =
                @Schema(
                    allowableValues = {"high", "normal", "low"},
                    defaultValue = "normal"))
        @BindParam("priority")
        String priority,
    @Parameter(
            name = "platform",
            in = ParameterIn.QUERY,
            description =
                "平台标签 (最多 50 个字符), 例如 tiktok, douyin / Platform label (up to 50"
                    + " characters), e.g. tiktok, douyin")
        @BindParam("platform")
        String platform,
    @Parameter(
            name = "model",
            in = ParameterIn.QUERY,
            description =
                "Whisper 模型名, 例如 base, small, large-v3; 为空时使用转写 worker 的默认模型"
                    + " (STT_MODEL) / Whisper model name, e.g. base, small, large-v3; empty uses"
                    + " the transcription workers' default (their STT_MODEL)")
        @BindParam("model")
        String model,
    @Parameter(
            name = "language",
            in = ParameterIn.QUERY,
            description =
                "语言代码 (ISO 639, 2-3 个字母, 例如 zh, en), 为空时自动检测 / Language code (ISO"
                    + " 639, 2-3 letters, e.g. zh, en); empty detects the language")
        @BindParam("language")
        String language,
    @Parameter(
            name = "temperature",
            in = ParameterIn.QUERY,
            description =
                "采样温度, 单个值或逗号分隔的回退序列, 每个值在 0 到 1 之间 / Temperature: one value or"
                    + " a comma-separated fall-back list, each between 0 and 1",
            schema = @Schema(defaultValue = "0.0,0.2,0.4,0.6,0.8,1.0"))
        @BindParam("temperature")
        String temperature,
    @Parameter(
            name = "compression_ratio_threshold",
            in = ParameterIn.QUERY,
            description =
                "压缩比阈值, 超过时以更高温度重新解码 / Compression ratio threshold: a segment more"
                    + " compressible than this is decoded again at a higher temperature",
            schema = @Schema(type = "number", defaultValue = "2.4"))
        @BindParam("compression_ratio_threshold")
        String compressionRatioThreshold,
    @Parameter(
            name = "no_speech_threshold",
            in = ParameterIn.QUERY,
            description =
                "无语音概率阈值 (0-1), 超过时视为静音 / No-speech threshold (0-1): a window above"
                    + " it is treated as silence",
            schema = @Schema(type = "number", defaultValue = "0.6"))
        @BindParam("no_speech_threshold")
        String noSpeechThreshold,
    @Parameter(
            name = "condition_on_previous_text",
            in = ParameterIn.QUERY,
            description = "是否以前文作为下一窗口的提示 / Whether the previous text prompts the next window",
            schema = @Schema(type = "boolean", defaultValue = "true"))
        @BindParam("condition_on_previous_text")
        String conditionOnPreviousText,
    @Parameter(
            name = "initial_prompt",
            in = ParameterIn.QUERY,
            description =
                "初始提示词, 例如专有名词或标点风格 / Initial prompt, e.g. proper nouns or punctuation" + " style",
            schema = @Schema(maxLength = DecodeOptionsParser.MAX_PROMPT_LENGTH))
        @BindParam("initial_prompt")
        String initialPrompt,
    @Parameter(
            name = "word_timestamps",
            in = ParameterIn.QUERY,
            description = "是否返回逐词时间戳 / Whether to return per-word timestamps",
            schema = @Schema(type = "boolean", defaultValue = "false"))
        @BindParam("word_timestamps")
        String wordTimestamps,
    @Parameter(
            name = "prepend_punctuations",
            in = ParameterIn.QUERY,
            description = "并入后一个词的标点 / Punctuation merged into the following word",
            schema =
                @Schema(
                    defaultValue = DecodeOptions.DEFAULT_PREPEND,
                    maxLength = DecodeOptionsParser.MAX_PUNCTUATION_LENGTH))
        @BindParam("prepend_punctuations")
        String prependPunctuations,
    @Parameter(
            name = "append_punctuations",
            in = ParameterIn.QUERY,
            description = "并入前一个词的标点 / Punctuation merged into the preceding word",
            schema =
                @Schema(
                    defaultValue = DecodeOptions.DEFAULT_APPEND,
                    maxLength = DecodeOptionsParser.MAX_PUNCTUATION_LENGTH))
        @BindParam("append_punctuations")
        String appendPunctuations,
    @Parameter(
            name = "clip_timestamps",
            in = ParameterIn.QUERY,
            description =
                "要识别的片段 (秒) start,end[,start,end...], 0 表示整个音频 / Clips to transcribe in"
                    + " seconds start,end[,start,end...]; 0 means the whole audio",
            schema = @Schema(defaultValue = "0.0"))
        @BindParam("clip_timestamps")
        String clipTimestamps,
    @Parameter(
            name = "hallucination_silence_threshold",
            in = ParameterIn.QUERY,
            description =
                "幻觉静音阈值 (秒, 可选, 大于 0) / Hallucination silence threshold in seconds"
                    + " (optional, greater than 0)",
            schema = @Schema(type = "number"))
        @BindParam("hallucination_silence_threshold")
        String hallucinationSilenceThreshold,
    @Parameter(
            name = "vad_filter",
            in = ParameterIn.QUERY,
            description =
                "只识别语音活动检测 (Silero VAD) 找到的语音段 / Decode only the speech regions that voice activity detection (Silero VAD) finds; the result gains a vad object",
            schema = @Schema(type = "boolean", defaultValue = "false"))
        @BindParam("vad_filter")
        String vadFilter,
    @Parameter(
            name = "vad_threshold",
            in = ParameterIn.QUERY,
            description = "VAD 语音概率阈值 (0-1) / VAD speech probability threshold (0-1)",
            schema = @Schema(type = "number", defaultValue = "0.5"))
        @BindParam("vad_threshold")
        String vadThreshold,
    @Parameter(
            name = "vad_neg_threshold",
            in = ParameterIn.QUERY,
            description =
                "VAD 静音阈值 (0-1, 默认 threshold - 0.15) / VAD silence threshold (0-1; default threshold - 0.15)",
            schema = @Schema(type = "number"))
        @BindParam("vad_neg_threshold")
        String vadNegThreshold,
    @Parameter(
            name = "vad_min_speech_duration_ms",
            in = ParameterIn.QUERY,
            description = "短于此值的语音段被丢弃 (毫秒) / Speech regions shorter than this are dropped (ms)",
            schema = @Schema(type = "integer", defaultValue = "0"))
        @BindParam("vad_min_speech_duration_ms")
        String vadMinSpeechDurationMs,
    @Parameter(
            name = "vad_max_speech_duration_s",
            in = ParameterIn.QUERY,
            description =
                "长于此值的语音段被切分 (秒, 默认不限) / Speech regions longer than this are split (seconds; default unlimited)",
            schema = @Schema(type = "number"))
        @BindParam("vad_max_speech_duration_s")
        String vadMaxSpeechDurationS,
    @Parameter(
            name = "vad_min_silence_duration_ms",
            in = ParameterIn.QUERY,
            description = "结束语音段所需的静音 (毫秒) / Silence that ends a speech region (ms)",
            schema = @Schema(type = "integer", defaultValue = "2000"))
        @BindParam("vad_min_silence_duration_ms")
        String vadMinSilenceDurationMs,
    @Parameter(
            name = "vad_speech_pad_ms",
            in = ParameterIn.QUERY,
            description = "语音段两侧的填充 (毫秒) / Padding on each side of a speech region (ms)",
            schema = @Schema(type = "integer", defaultValue = "400"))
        @BindParam("vad_speech_pad_ms")
        String vadSpeechPadMs,
    @Parameter(
            name = "beam_size",
            in = ParameterIn.QUERY,
            description =
                "温度为 0 时的集束搜索宽度 (1-8), 为空或 1 时贪心解码 / Beam search width at"
                    + " temperature 0 (1-8); empty (the default) or 1 decodes greedily. Needs"
                    + " temperature to start at 0; see docs/decoding.md",
            schema = @Schema(type = "integer", minimum = "1", maximum = "8"))
        @BindParam("beam_size")
        String beamSize,
    @Parameter(
            name = "best_of",
            in = ParameterIn.QUERY,
            description =
                "温度大于 0 的回退时采样的候选数 (1-8, 默认 5) / Candidates sampled at each fall-back"
                    + " temperature above 0 (1-8; default 5). Needs a temperature above 0",
            schema = @Schema(type = "integer", minimum = "1", maximum = "8", defaultValue = "5"))
        @BindParam("best_of")
        String bestOf,
    @Parameter(
            name = "patience",
            in = ParameterIn.QUERY,
            description =
                "集束搜索耐心值, 仅接受 1.0 (whisper.cpp 1.7.1 未实现), 需要 beam_size / Beam search"
                    + " patience: only 1.0 is accepted (whisper.cpp 1.7.1 does not implement"
                    + " patience); needs beam_size",
            schema = @Schema(type = "number", minimum = "1", maximum = "1"))
        @BindParam("patience")
        String patience,
    @Parameter(
            name = "subtitle_formats",
            in = ParameterIn.QUERY,
            description =
                "转录完成后为任务保存的字幕文件, 逗号分隔: srt, vtt, txt, tsv, json; 结果中的 subtitles"
                    + " 列出它们及下载地址 / Subtitle files to keep for the task once it is"
                    + " transcribed, comma-separated: srt, vtt, txt, tsv, json; the result lists"
                    + " them with download URLs in subtitles")
        @BindParam("subtitle_formats")
        String subtitleFormats) {
  /**
   * These parameters for a task from {@code url} with the platform label {@code label}: how the
   * {@code video_task} endpoints create their task with the crawled media URL.
   */
  CreateTaskParams withFileUrl(String url, String label) {
    return new CreateTaskParams(
        url,
        taskType,
        callbackUrl,
        priority,
        label,
        model,
        language,
        temperature,
        compressionRatioThreshold,
        noSpeechThreshold,
        conditionOnPreviousText,
        initialPrompt,
        wordTimestamps,
        prependPunctuations,
        appendPunctuations,
        clipTimestamps,
        hallucinationSilenceThreshold,
        vadFilter,
        vadThreshold,
        vadNegThreshold,
        vadMinSpeechDurationMs,
        vadMaxSpeechDurationS,
        vadMinSilenceDurationMs,
        vadSpeechPadMs,
        beamSize,
        bestOf,
        patience,
        subtitleFormats);
  }

  /**
   * The parameters of a task from an upload with only these set (the others default), as the
   * OpenAI-compatible endpoints create it.
   *
   * @param taskType transcribe or translate
   * @param model whisper model name, or {@code null} for the workers' default
   * @param language ISO 639 code, or {@code null} to detect
   * @param temperature one value or a fall-back list, or {@code null} for the default
   * @param initialPrompt prompt for the first window, or {@code null}
   * @param wordTimestamps whether to compute per-word timestamps
   */
  public static CreateTaskParams forUpload(
      String taskType,
      String model,
      String language,
      String temperature,
      String initialPrompt,
      boolean wordTimestamps) {
    return new CreateTaskParams(
        null,
        taskType,
        null,
        null,
        null,
        model,
        language,
        temperature,
        null,
        null,
        null,
        initialPrompt,
        Boolean.toString(wordTimestamps),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Binds these parameters from request parameters only, as {@code @RequestParam} arguments would:
   * a data binder would otherwise also take request headers (a {@code Model} header would set the
   * model) and {@code _name} / {@code !name} marker parameters. For the {@code @InitBinder} of each
   * controller that takes them.
   */
  static void bindFromRequestParametersOnly(WebDataBinder binder) {
    if (binder instanceof ExtendedServletRequestDataBinder servletBinder) {
      servletBinder.setHeaderPredicate(header -> false);
    }
    binder.setFieldMarkerPrefix(null);
    binder.setFieldDefaultPrefix(null);
  }
}
