package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.CreateTaskFixtures.AUDIO;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscriptionRequest;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasks/create}: every decode option reaches the stored task and the workflow, whether it
 * came as a form field or a query parameter; VAD options, and blank values meaning the defaults.
 */
class CreateTaskOptionsTest extends WebTestBase {
  /** All options, non-default, as the client sends them. */
  static Map<String, String> allOptions() {
    return map(
        "task_type", "translate",
        "priority", "high",
        "callback_url", "https://hooks.example.com/stt?x=1",
        "platform", "douyin",
        "model", "large-v3",
        "language", "ZH",
        "temperature", "0.0,0.5",
        "compression_ratio_threshold", "2.0",
        "no_speech_threshold", "0.5",
        "condition_on_previous_text", "false",
        "initial_prompt", "以下是普通话的句子。",
        "word_timestamps", "true",
        "prepend_punctuations", "«(",
        "append_punctuations", "».,",
        "clip_timestamps", "1.5,10,20",
        "hallucination_silence_threshold", "2");
  }

  static void assertAllOptionsApplied(TranscriptionRequest req) {
    assertThat(req.translate()).isTrue();
    assertThat(req.model()).isEqualTo("large-v3");
    DecodeOptions o = req.options();
    assertThat(o.language()).isEqualTo("zh");
    assertThat(o.temperature()).containsExactly(0.0, 0.5);
    assertThat(o.compressionRatioThreshold()).isEqualTo(2.0);
    assertThat(o.noSpeechThreshold()).isEqualTo(0.5);
    assertThat(o.conditionOnPreviousText()).isFalse();
    assertThat(o.initialPrompt()).isEqualTo("以下是普通话的句子。");
    assertThat(o.wordTimestamps()).isTrue();
    assertThat(o.prependPunctuations()).isEqualTo("«(");
    assertThat(o.appendPunctuations()).isEqualTo("».,");
    assertThat(o.clipTimestamps()).containsExactly(1.5, 10.0, 20.0);
    assertThat(o.hallucinationSilenceThreshold()).isEqualTo(2.0);
  }

  @Test
  void uploadWithEveryOptionAsMultipartFormFields() throws Exception {
    Reply r = postMultipart("/api/whisper/tasks/create", allOptions(), "会议 录音.wav", AUDIO);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode data = r.data();
    assertThat(data.get("task_type").asString()).isEqualTo("translate");
    assertThat(data.get("priority").asString()).isEqualTo("high");
    assertThat(data.get("platform").asString()).isEqualTo("douyin");
    assertThat(data.get("callback_url").asString()).isEqualTo("https://hooks.example.com/stt?x=1");
    assertThat(data.get("file_name").asString()).isEqualTo("会议 录音.wav");
    assertThat(data.get("file_size_bytes").asLong()).isEqualTo(AUDIO.length);
    assertThat(data.get("file_duration").asDouble()).isEqualTo(12.5);
    assertThat(data.get("file_url").isNull()).isTrue();
    assertThat(data.get("decode_options").get("language").asString()).isEqualTo("zh");
    assertThat(r.json().get("params").get("clip_timestamps").toString())
        .isEqualTo("[1.5,10.0,20.0]");

    // The row and the run carry the upload's storage key, not a path of this machine.
    String key = data.get("file_path").asString();
    assertThat(key).startsWith("uploads/").endsWith("/会议 录音.wav");
    Path stored = DATA_DIR.resolve(key);
    assertThat(stored).exists().hasBinaryContent(AUDIO);
    assertThat(stored.getFileName().toString()).isEqualTo("会议 录音.wav");
    assertThat(stored.getParent().getParent())
        .isEqualTo(DATA_DIR.resolve("uploads").toAbsolutePath().normalize());
    assertThat(inspector.inspected).containsExactly(stored);

    var started = workflows.started.get(0);
    assertThat(started.priority()).isEqualTo(TaskPriority.HIGH);
    assertThat(started.request().uploadKey()).isEqualTo(key);
    assertThat(started.request().mediaUrl()).isNull();
    assertAllOptionsApplied(started.request());
    // The multipart staging directory keeps nothing once the part was moved.
    try (var s = Files.list(DATA_DIR.resolve("uploads/.incoming"))) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void uploadWithEveryOptionAsQueryParameters() {
    Reply r =
        postMultipart("/api/whisper/tasks/create" + query(allOptions()), Map.of(), "a.mp3", AUDIO);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertAllOptionsApplied(workflows.started.get(0).request());
    assertThat(r.data().get("priority").asString()).isEqualTo("high");
  }

  @Test
  void fileUrlWithEveryOptionAsQueryParametersWithoutBody() {
    Map<String, String> p = allOptions();
    p.put("file_url", "http://media.example.org/x.m4a");
    Reply r = postEmpty("/api/whisper/tasks/create" + query(p));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertAllOptionsApplied(workflows.started.get(0).request());
  }

  @Test
  void aLongChinesePromptFitsInTheQueryString() {
    String prompt = "语音识别".repeat(DecodeOptionsParser.MAX_PROMPT_LENGTH / 4);
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create"
                + query(
                    map("file_url", "https://cdn.example.com/a.mp4", "initial_prompt", prompt)));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(workflows.started.get(0).request().options().initialPrompt()).isEqualTo(prompt);
  }

  @Test
  void vadOptionsAreStoredAndEchoedWithFasterWhispersNames() {
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create"
                + query(
                    map(
                        "file_url", "https://cdn.example.com/a.mp4",
                        "vad_filter", "true",
                        "vad_threshold", "0.6",
                        "vad_min_silence_duration_ms", "500",
                        "vad_speech_pad_ms", "200")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    DecodeOptions o = workflows.started.get(0).request().options();
    assertThat(o.vadFilter()).isTrue();
    assertThat(o.vadParameters())
        .isEqualTo(new org.sttplatform.workflows.model.VadOptions(0.6, null, null, null, 500, 200));
    assertThat(r.data().get("decode_options").get("vad_filter").asBoolean()).isTrue();
    assertThat(r.json().get("params").get("vad_parameters").get("speech_pad_ms").asInt())
        .isEqualTo(200);
  }

  @Test
  void vadFilterAloneUsesTheDefaultsAndVadOptionsWithoutItAreIgnored() {
    postEmpty(
        "/api/whisper/tasks/create"
            + query(map("file_url", "https://cdn.example.com/a.mp4", "vad_filter", "true")));
    postEmpty(
        "/api/whisper/tasks/create"
            + query(map("file_url", "https://cdn.example.com/b.mp4", "vad_threshold", "0.7")));

    DecodeOptions on = workflows.started.get(0).request().options();
    assertThat(on.vadFilter()).isTrue();
    assertThat(on.vadParameters()).isNull();
    assertThat(workflows.started.get(1).request().options()).isEqualTo(DecodeOptions.defaults());
  }

  @Test
  void clipTimestampsZeroMeansWholeAudioAndBlankValuesMeanDefaults() {
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create"
                + query(
                    map(
                        "file_url", "https://cdn.example.com/a.mp4",
                        "clip_timestamps", "0",
                        "language", "",
                        "temperature", "",
                        "hallucination_silence_threshold", "",
                        "task_type", "")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(workflows.started.get(0).request().options()).isEqualTo(DecodeOptions.defaults());
  }
}
