package org.sttplatform.workflows.pipeline.component;

import static org.sttplatform.workflows.pipeline.component.ParamSpec.optional;
import static org.sttplatform.workflows.pipeline.component.ParamSpec.required;

import io.temporal.activity.ActivityOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.AudioFormat;
import org.sttplatform.workflows.pipeline.component.ComponentSpec.Kind;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * The components every installation has. Their activity types are implemented by the CPU worker
 * ({@code fetch}, {@code probe}, {@code extract_audio}, {@code http_request}, {@code subtitles},
 * {@code summarize}), the transcription worker ({@code transcribe}) and the nodes that own the task
 * database ({@code callback}); {@code wait} and {@code set} run in the workflow.
 */
public final class BuiltInComponents {
  public static final String FETCH = "fetch";
  public static final String PROBE = "probe";
  public static final String EXTRACT_AUDIO = "extract_audio";
  public static final String TRANSCRIBE = "transcribe";
  public static final String HTTP_REQUEST = "http_request";
  public static final String SUBTITLES = "subtitles";
  public static final String SUMMARIZE = "summarize";
  public static final String WAIT = "wait";
  public static final String SET = "set";
  public static final String CALLBACK = "callback";
  public static final String CRAWL = "crawl";
  public static final String CRAWL_ACCOUNT = "crawl_account";

  /** Activity type names: distinct from the seed pipeline's activities on the same queues. */
  public static final String FETCH_ACTIVITY = "component.fetch";

  public static final String PROBE_ACTIVITY = "component.probe";
  public static final String EXTRACT_AUDIO_ACTIVITY = "component.extract_audio";
  public static final String TRANSCRIBE_ACTIVITY = "component.transcribe";
  public static final String HTTP_REQUEST_ACTIVITY = "component.http_request";
  public static final String SUBTITLES_ACTIVITY = "component.subtitles";
  public static final String SUMMARIZE_ACTIVITY = "component.summarize";
  public static final String CALLBACK_ACTIVITY = "component.callback";
  public static final String CRAWL_ACTIVITY = "component.crawl";
  public static final String CRAWL_ACCOUNT_ACTIVITY = "component.crawl_account";

  /** {@code crawl_account}'s default {@code limit}, and the most it accepts. */
  public static final int CRAWL_ACCOUNT_DEFAULT_LIMIT = 20;

  public static final int CRAWL_ACCOUNT_MAX_LIMIT = 100;

  private BuiltInComponents() {}

  /** All of them, in the order documentation lists them. */
  public static List<ComponentSpec> all() {
    ActivityOptions fetch = ActivityDefaults.fetch();
    ActivityOptions media = ActivityDefaults.media();
    ActivityOptions transcribe = ActivityDefaults.transcribe();
    ActivityOptions http = ActivityDefaults.httpRequest();
    ActivityOptions subtitles = ActivityDefaults.subtitles();
    ActivityOptions summarize = ActivityDefaults.summarize();
    ActivityOptions callback = ActivityDefaults.callback();
    return List.of(
        activity(
            FETCH,
            "Downloads a URL (http/https, through the SSRF guard) into the run's working folder",
            FETCH_ACTIVITY,
            params(
                "url", required("string", "the media URL"),
                "headers",
                    optional("object", null, "request headers, e.g. ${steps.crawl.output.headers}"),
                "source",
                    optional(
                        "object",
                        null,
                        "the crawled post (${steps.crawl.output.source}): its headers are sent and"
                            + " an expired URL (403/410) is crawled again once")),
            fetch,
            0.1),
        activity(
            PROBE,
            "Reads duration, container and audio stream of a media file with ffprobe",
            PROBE_ACTIVITY,
            params(
                "media", required("object", "a media reference, e.g. ${steps.fetch.output.media}")),
            media,
            0.02),
        activity(
            EXTRACT_AUDIO,
            "Extracts a media file's audio with ffmpeg; by default as 16 kHz mono 16-bit WAV, what"
                + " transcribe reads",
            EXTRACT_AUDIO_ACTIVITY,
            params(
                "media", required("object", "a media reference"),
                "format",
                    optional(
                        "string",
                        AudioConversion.WHISPER.format().id(),
                        AudioFormat.ids() + " (opus in Ogg, m4a is AAC); transcribe reads wav"),
                "sample_rate",
                    optional(
                        "integer",
                        AudioConversion.WHISPER.sampleRate(),
                        "samples per second, among those the format allows (opus: 8000, 12000,"
                            + " 16000, 24000, 48000)"),
                "channels", optional("integer", AudioConversion.WHISPER.channels(), "1 or 2"),
                "bit_depth",
                    optional(
                        "integer",
                        null,
                        "wav 16, 24 or 32, flac 16 or 24 (default "
                            + AudioConversion.DEFAULT_BIT_DEPTH
                            + "); not for mp3, opus or m4a"),
                "probe",
                    optional(
                        "boolean",
                        false,
                        "also probe the file (in the same ffmpeg run; the probe's checks decide) and"
                            + " output its facts as probe")),
            media,
            0.08),
        activity(
            TRANSCRIBE,
            "Transcribes (or translates to English) 16 kHz mono audio with whisper.cpp",
            TRANSCRIBE_ACTIVITY,
            params(
                "audio", required("object", "an audio reference from extract_audio"),
                "task", optional("string", "transcribe", "transcribe or translate"),
                "model", optional("string", null, "model name; the worker's default if absent"),
                // No defaults for these three: absent, the step takes them from its options
                // (which default to the decode defaults: detected, no words, no prompt).
                "language",
                    optional(
                        "string", null, "language code; options.language if absent, else detected"),
                "word_timestamps",
                    optional(
                        "boolean",
                        null,
                        "word-level timings; options.word_timestamps if absent, else false"),
                "initial_prompt",
                    optional(
                        "string",
                        null,
                        "text that primes the decoder; options.initial_prompt if absent"),
                "options",
                    optional(
                        "object",
                        null,
                        "any other decode option by its API name; the named parameters above win"),
                "inline",
                    optional(
                        "boolean",
                        true,
                        "include text and segments in the output (false: only the task_id that"
                            + " holds them, for transcripts of any length)")),
            transcribe,
            0.75),
        activity(
            HTTP_REQUEST,
            "Sends an HTTP request (through the SSRF guard) and returns status, headers and body",
            HTTP_REQUEST_ACTIVITY,
            params(
                "url", required("string", "http or https URL"),
                "method", optional("string", "GET", "GET, POST, PUT, PATCH, DELETE or HEAD"),
                "headers", optional("object", Map.of(), "request headers"),
                "body",
                    optional("any", null, "request body: a string, or JSON for any other value"),
                "expect_status", optional("array", null, "statuses that count as success")),
            http,
            0.02),
        activity(
            SUBTITLES,
            "Writes a transcript as subtitle files (srt, vtt, txt, tsv, json) that outlive the run",
            SUBTITLES_ACTIVITY,
            params(
                "transcript",
                    required(
                        "object",
                        "the transcribe step's output (${steps.transcribe.output}), a transcript"
                            + " object, or {\"key\": …} of a transcript file"),
                "formats", optional("array", List.of("srt"), "any of srt, vtt, txt, tsv, json"),
                "name", optional("string", "subtitles", "file name without extension"),
                "task_id",
                    optional(
                        "integer",
                        null,
                        "keep the files for this task (results/tasks/<id>) instead of the run"),
                "max_line_width", optional("integer", 42, "widest line in columns (CJK: 2 each)"),
                "max_line_count", optional("integer", 2, "most lines per cue"),
                "max_cue_duration", optional("number", null, "longest cue in seconds"),
                "highlight_words",
                    optional("boolean", false, "one cue per word, underlined; needs word timings")),
            subtitles,
            0.02),
        activity(
            SUMMARIZE,
            "Summarises a transcript or a text with an OpenAI-compatible LLM (long ones map-reduce"
                + " on segment boundaries); the API key comes from the worker's STT_LLM_API_KEY",
            SUMMARIZE_ACTIVITY,
            params(
                "transcript",
                    optional(
                        "object",
                        null,
                        "a transcribe output (${steps.<id>.output}); its segments are the chunk"
                            + " boundaries"),
                "text", optional("string", null, "plain text, when there is no transcript"),
                "prompt", optional("string", null, "the instruction; a general summary if absent"),
                "model",
                    optional("string", null, "LLM model; the worker's STT_LLM_MODEL if absent"),
                "output_language",
                    optional("string", "en", "language of the summary, e.g. en, zh, Japanese")),
            summarize,
            0.1),
        activity(
            CALLBACK,
            "POSTs a finished task's result (the tasks/result view) to its callback_url, signed"
                + " with STT_CALLBACK_SECRET; every attempt is recorded on the task",
            CALLBACK_ACTIVITY,
            params(
                "task_id", required("integer", "the finished task whose callback is sent"),
                "delivery_id",
                    optional(
                        "string",
                        null,
                        "X-STT-Delivery-Id, the same on every attempt; the activity's own id if"
                            + " absent")),
            callback,
            0),
        activity(
            CRAWL,
            "Reads a Douyin or TikTok post: metadata, the media URL and the headers its download"
                + " needs",
            CRAWL_ACTIVITY,
            params(
                "url",
                    required("string", "a post link, a short link, or share text containing one"),
                "platform",
                    optional("string", null, "douyin or tiktok; told by the link if absent")),
            http,
            0.03),
        activity(
            CRAWL_ACCOUNT,
            "Lists a Douyin or TikTok account's recent posts, newest first",
            CRAWL_ACCOUNT_ACTIVITY,
            params(
                "url", required("string", "an account link (user page or a short link to one)"),
                "platform",
                    optional("string", null, "douyin or tiktok; told by the link if absent"),
                "limit",
                    optional(
                        "integer",
                        CRAWL_ACCOUNT_DEFAULT_LIMIT,
                        "most posts returned (1 to " + CRAWL_ACCOUNT_MAX_LIMIT + ")")),
            http,
            0.03),
        new ComponentSpec(
            WAIT,
            "Waits (a durable timer): a duration like 30s, 5m, 2h",
            Kind.TIMER,
            null,
            null,
            params("duration", required("string", "how long, e.g. 90s")),
            null,
            null,
            null,
            0),
        new ComponentSpec(
            SET,
            "Computes values from inputs and earlier outputs; its output is the values object",
            Kind.VALUES,
            null,
            null,
            params("values", required("object", "name → value (references allowed)")),
            null,
            null,
            null,
            0));
  }

  private static ComponentSpec activity(
      String name,
      String description,
      String activityType,
      Map<String, ParamSpec> params,
      ActivityOptions options,
      double weight) {
    return new ComponentSpec(
        name,
        description,
        Kind.ACTIVITY,
        activityType,
        options.getTaskQueue(),
        params,
        options.getStartToCloseTimeout(),
        options.getHeartbeatTimeout(),
        options.getRetryOptions(),
        weight);
  }

  private static Map<String, ParamSpec> params(Object... nameSpecPairs) {
    Map<String, ParamSpec> map = new LinkedHashMap<>();
    for (int i = 0; i < nameSpecPairs.length; i += 2) {
      map.put((String) nameSpecPairs[i], (ParamSpec) nameSpecPairs[i + 1]);
    }
    return map;
  }
}
