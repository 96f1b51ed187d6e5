package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams.TimestampGranularity;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.audio.transcriptions.TranscriptionSegment;
import com.openai.models.audio.transcriptions.TranscriptionStreamEvent;
import com.openai.models.audio.transcriptions.TranscriptionVerbose;
import com.openai.models.audio.transcriptions.TranscriptionWord;
import com.openai.models.audio.translations.TranslationCreateParams;
import com.openai.models.audio.translations.TranslationVerbose;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.WhisperLanguages;

/**
 * The OpenAI audio endpoints' answers, checked against the task each request stored: transcriptions
 * in every response format (verbose JSON with segments and words, JSON, text, SRT, VTT),
 * translations, and streaming.
 */
class OpenAiAudioTest extends OpenAiApiTestBase {
  private static final double EPS = 0.011;

  /** The stored task behind an answer, from the seed API; asserts it completed. */
  private JsonNode storedTask(HttpResponseFor<?> response) {
    String id = response.headers().values("x-stt-task-id").get(0);
    Reply r = get("/api/whisper/tasks/result?task_id=" + id);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    assertThat(r.data().path("status").asText()).isEqualTo("completed");
    return r.data();
  }

  @Test
  void verboseJsonWithSegmentsAndWordsMatchesTheStoredTask() {
    HttpResponseFor<TranscriptionCreateResponse> raw =
        client
            .audio()
            .transcriptions()
            .withRawResponse()
            .create(
                transcription(AudioResponseFormat.VERBOSE_JSON)
                    .timestampGranularities(
                        List.of(TimestampGranularity.SEGMENT, TimestampGranularity.WORD))
                    .build());
    TranscriptionVerbose verbose = raw.parse().asVerbose();
    JsonNode task = storedTask(raw);
    JsonNode result = task.path("result");

    assertThat(verbose.text()).isEqualTo(result.path("text").asText());
    assertThat(verbose.language())
        .isEqualTo(WhisperLanguages.name(result.path("language").asText()));
    assertThat(verbose.duration()).isCloseTo(result.path("duration").asDouble(), within(1e-6));
    assertThat(verbose._additionalProperties().get("task").asString()).hasValue("transcribe");
    // word granularity turned word timestamps on for the task
    assertThat(task.path("decode_options").path("word_timestamps").asBoolean(false)).isTrue();

    List<TranscriptionSegment> segments = verbose.segments().orElseThrow();
    JsonNode stored = result.path("segments");
    assertThat(segments).hasSize(stored.size()).isNotEmpty();
    int storedWords = 0;
    for (int i = 0; i < segments.size(); i++) {
      TranscriptionSegment s = segments.get(i);
      JsonNode st = stored.get(i);
      assertThat(s.id()).isEqualTo(i);
      assertThat(s.text()).isEqualTo(st.path("text").asText());
      assertThat(s.start()).isCloseTo(st.path("start").asDouble(), within(1e-6));
      assertThat(s.end()).isCloseTo(st.path("end").asDouble(), within(1e-6));
      assertThat(s.start()).isBetween(0.0, s.end());
      assertThat(s.end()).isLessThanOrEqualTo(verbose.duration() + EPS);
      assertThat(s.seek()).isEqualTo(Math.round(s.start() * 100));
      assertThat(s.tokens()).containsExactlyElementsOf(toLongs(st.path("tokens")));
      assertThat((double) s.avgLogprob())
          .isCloseTo(st.path("avg_logprob").asDouble(), within(1e-5));
      assertThat((double) s.compressionRatio())
          .isCloseTo(st.path("compression_ratio").asDouble(), within(1e-5));
      assertThat((double) s.noSpeechProb())
          .isCloseTo(st.path("no_speech_prob").asDouble(), within(1e-5));
      assertThat(s.temperature()).isEqualTo(0.0f);
      storedWords += st.path("words").size();
    }
    List<TranscriptionWord> words = verbose.words().orElseThrow();
    assertThat(words).hasSize(storedWords).isNotEmpty();
    for (TranscriptionWord w : words) {
      assertThat(w.start()).isBetween(0.0, w.end());
      assertThat(w.end()).isLessThanOrEqualTo(verbose.duration() + EPS);
    }
    // the request is an ordinary task: listed by the seed API
    Reply listed = post("/api/whisper/tasks/query", "{\"limit\":200}");
    assertThat(listed.data().path("tasks").findValuesAsText("id"))
        .contains(task.path("id").asText());
  }

  @Test
  void verboseJsonWithWordsOnlyLeavesSegmentsOut() {
    TranscriptionVerbose verbose =
        client
            .audio()
            .transcriptions()
            .create(
                transcription(AudioResponseFormat.VERBOSE_JSON)
                    .timestampGranularities(List.of(TimestampGranularity.WORD))
                    .build())
            .asVerbose();
    assertThat(verbose.segments()).isEmpty();
    assertThat(verbose.words().orElseThrow()).isNotEmpty();
  }

  @Test
  void jsonAndTextAnswerTheStoredText() throws IOException {
    HttpResponseFor<TranscriptionCreateResponse> json =
        client
            .audio()
            .transcriptions()
            .withRawResponse()
            .create(
                transcription(AudioResponseFormat.JSON).language("en").prompt("Hello.").build());
    JsonNode task = storedTask(json);
    assertThat(json.parse().asTranscription().text())
        .isEqualTo(task.path("result").path("text").asText());
    assertThat(task.path("language").asText()).isEqualTo("en");

    HttpResponseFor<TranscriptionCreateResponse> text =
        client
            .audio()
            .transcriptions()
            .withRawResponse()
            .create(transcription(AudioResponseFormat.TEXT).temperature(0.4).build());
    JsonNode textTask = storedTask(text);
    assertThat(text.headers().values("Content-Type").get(0)).startsWith("text/plain");
    assertThat(body(text)).isEqualTo(textTask.path("result").path("text").asText() + "\n");
    assertThat(textTask.path("decode_options").path("temperature").get(0).asDouble())
        .isEqualTo(0.4);
  }

  @Test
  void srtAndVttAreValidSubtitlesOfTheSegments() throws IOException {
    HttpResponseFor<TranscriptionCreateResponse> srt =
        client
            .audio()
            .transcriptions()
            .withRawResponse()
            .create(transcription(AudioResponseFormat.SRT).build());
    List<Cue> srtCues = SubtitleParser.srt(body(srt));
    assertThat(srtCues).isEqualTo(expectedCues(storedTask(srt))).isNotEmpty();

    HttpResponseFor<TranscriptionCreateResponse> vtt =
        client
            .audio()
            .transcriptions()
            .withRawResponse()
            .create(transcription(AudioResponseFormat.VTT).build());
    assertThat(vtt.headers().values("Content-Type").get(0)).startsWith("text/vtt");
    List<Cue> vttCues = SubtitleParser.vtt(body(vtt));
    assertThat(vttCues).isEqualTo(expectedCues(storedTask(vtt))).isNotEmpty();
  }

  @Test
  void translationsAnswerVerboseJsonOfATranslateTask() {
    HttpResponseFor<com.openai.models.audio.translations.TranslationCreateResponse> raw =
        client
            .audio()
            .translations()
            .withRawResponse()
            .create(
                TranslationCreateParams.builder()
                    .file(speech)
                    .model("whisper-1")
                    .responseFormat(TranslationCreateParams.ResponseFormat.VERBOSE_JSON)
                    .build());
    TranslationVerbose verbose = raw.parse().asVerbose();
    JsonNode task = storedTask(raw);
    assertThat(task.path("task_type").asText()).isEqualTo("translate");
    assertThat(verbose.text()).isEqualTo(task.path("result").path("text").asText());
    assertThat(verbose.language()).isEqualTo("english");
    assertThat(verbose._additionalProperties().get("task").asString()).hasValue("translate");
    assertThat(verbose.segments().orElseThrow())
        .hasSize(task.path("result").path("segments").size());
  }

  @Test
  void streamingSendsOneDeltaPerSegmentThenDone() {
    List<TranscriptionStreamEvent> events;
    try (StreamResponse<TranscriptionStreamEvent> stream =
        client
            .audio()
            .transcriptions()
            .createStreaming(transcription(AudioResponseFormat.JSON).build())) {
      events = stream.stream().toList();
    }
    assertThat(events).isNotEmpty();
    TranscriptionStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isTranscriptTextDone()).isTrue();
    List<String> deltas =
        events.subList(0, events.size() - 1).stream()
            .map(e -> e.asTranscriptTextDelta().delta())
            .toList();
    String text = last.asTranscriptTextDone().text();
    assertThat(deltas).isNotEmpty();
    assertThat(String.join("", deltas).replaceAll("\\s+", " ").strip()).isEqualTo(text);

    // the same text as the task's: the newest task is this request's
    Reply listed = post("/api/whisper/tasks/query", "{\"limit\":200,\"include_result\":true}");
    JsonNode tasks = listed.data().path("tasks");
    JsonNode newest = tasks.get(tasks.size() - 1);
    assertThat(newest.path("result").path("text").asText()).isEqualTo(text);
    assertThat(newest.path("result").path("segments").size()).isEqualTo(deltas.size());
  }

  private static String body(HttpResponseFor<?> response) throws IOException {
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<Long> toLongs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  /** The cues a task's segments make: each with text, times to the millisecond. */
  private static List<Cue> expectedCues(JsonNode task) {
    List<Cue> cues = new ArrayList<>();
    for (JsonNode s : task.path("result").path("segments")) {
      String text = s.path("text").asText().replaceAll("\\s+", " ").strip();
      if (!text.isEmpty()) {
        cues.add(
            new Cue(
                Math.round(s.path("start").asDouble() * 1000),
                Math.round(s.path("end").asDouble() * 1000),
                text));
      }
    }
    return cues;
  }

  /** One subtitle cue, times in milliseconds. */
  record Cue(long startMs, long endMs, String text) {}

  /** Strict readers: any deviation from the format fails the test. */
  static final class SubtitleParser {
    private static final Pattern SRT_TIMING =
        Pattern.compile(
            "(\\d{2}):(\\d{2}):(\\d{2}),(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2}),(\\d{3})");
    private static final Pattern VTT_TIMING =
        Pattern.compile(
            "(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})");

    static List<Cue> srt(String text) {
      assertThat(text).endsWith("\n\n").doesNotContain("\r");
      List<Cue> cues = new ArrayList<>();
      String[] blocks = text.substring(0, text.length() - 2).split("\n\n", -1);
      for (int i = 0; i < blocks.length; i++) {
        String[] lines = blocks[i].split("\n", -1);
        assertThat(lines).as("cue %d", i + 1).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines[0]).isEqualTo(Integer.toString(i + 1));
        cues.add(cue(SRT_TIMING, lines, 1));
      }
      return ordered(cues);
    }

    static List<Cue> vtt(String text) {
      assertThat(text).startsWith("WEBVTT\n\n").endsWith("\n\n").doesNotContain("\r");
      String body = text.substring("WEBVTT\n\n".length(), text.length() - 2);
      List<Cue> cues = new ArrayList<>();
      for (String block : body.split("\n\n", -1)) {
        cues.add(cue(VTT_TIMING, block.split("\n", -1), 0));
      }
      return ordered(cues);
    }

    private static Cue cue(Pattern timing, String[] lines, int at) {
      Matcher m = timing.matcher(lines[at]);
      assertThat(m.matches()).as("timing line '%s'", lines[at]).isTrue();
      List<String> text = List.of(lines).subList(at + 1, lines.length);
      assertThat(text)
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).isNotBlank().doesNotContain("-->"));
      return new Cue(ms(m, 1), ms(m, 5), text.stream().collect(Collectors.joining("\n")));
    }

    private static long ms(Matcher m, int group) {
      long h = Long.parseLong(m.group(group));
      long min = Long.parseLong(m.group(group + 1));
      long s = Long.parseLong(m.group(group + 2));
      assertThat(min).isLessThan(60);
      assertThat(s).isLessThan(60);
      return ((h * 60 + min) * 60 + s) * 1000 + Long.parseLong(m.group(group + 3));
    }

    private static List<Cue> ordered(List<Cue> cues) {
      for (int i = 0; i < cues.size(); i++) {
        assertThat(cues.get(i).startMs()).isLessThanOrEqualTo(cues.get(i).endMs());
        if (i > 0) {
          assertThat(cues.get(i).startMs()).isGreaterThanOrEqualTo(cues.get(i - 1).startMs());
        }
      }
      return cues;
    }
  }
}
