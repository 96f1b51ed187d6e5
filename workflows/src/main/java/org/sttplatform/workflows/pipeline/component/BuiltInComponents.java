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
 * ({@code fetch}, {@code probe}, {@code extract_audio}, {@code http_request}) and the transcription
 * worker ({@code transcribe}); {@code wait} and {@code set} run in the workflow.
 */
public final class BuiltInComponents {
  public static final String FETCH = "fetch";
  public static final String PROBE = "probe";
  public static final String EXTRACT_AUDIO = "extract_audio";
  public static final String TRANSCRIBE = "transcribe";
  public static final String HTTP_REQUEST = "http_request";
  public static final String WAIT = "wait";
  public static final String SET = "set";

  /** Activity type names: distinct from the seed pipeline's activities on the same queues. */
  public static final String FETCH_ACTIVITY = "component.fetch";

  public static final String PROBE_ACTIVITY = "component.probe";
  public static final String EXTRACT_AUDIO_ACTIVITY = "component.extract_audio";
  public static final String TRANSCRIBE_ACTIVITY = "component.transcribe";
  public static final String HTTP_REQUEST_ACTIVITY = "component.http_request";

  private BuiltInComponents() {}

  /** All of them, in the order documentation lists them. */
  public static List<ComponentSpec> all() {
    ActivityOptions fetch = ActivityDefaults.fetch();
    ActivityOptions media = ActivityDefaults.media();
    ActivityOptions transcribe = ActivityDefaults.transcribe();
    ActivityOptions http = ActivityDefaults.httpRequest();
    return List.of(
        activity(
            FETCH,
            "Downloads a URL (http/https, through the SSRF guard) into the run's working folder",
            FETCH_ACTIVITY,
            params("url", required("string", "the media URL")),
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
                            + "); not for mp3, opus or m4a")),
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
                "language", optional("string", null, "language code; detected if absent"),
                "word_timestamps", optional("boolean", false, "word-level timings"),
                "initial_prompt", optional("string", null, "text that primes the decoder"),
                "options", optional("object", null, "any other decode option by its API name")),
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
