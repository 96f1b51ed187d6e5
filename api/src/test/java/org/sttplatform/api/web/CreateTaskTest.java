package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscriptionRequest;
import tools.jackson.databind.JsonNode;

class CreateTaskTest extends WebTestBase {
  static final byte[] AUDIO = "RIFF....WAVEfmt fake audio".getBytes(StandardCharsets.ISO_8859_1);

  static final List<String> SEED_KEYS =
      List.of(
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
          "callback_state");

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
  void requestHeadersNamedLikeParametersAreIgnored() {
    Reply r =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        url(
                            "/api/whisper/tasks/create"
                                + query(map("file_url", "https://cdn.example.com/a.mp4")))))
                .header("Model", "large-v3")
                .header("Priority", "high")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    // Headers are not parameters: the task names no model, so the worker's default will run.
    assertThat(r.data().get("model_name").isNull()).isTrue();
    assertThat(r.data().get("priority").asString()).isEqualTo("normal");
  }

  @Test
  void fileUrlAsQueryParametersUsesDefaults() {
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create" + query(map("file_url", "https://cdn.example.com/a.mp4")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.fieldNames(r.json())).containsExactly("code", "router", "params", "data");
    assertThat(r.json().get("code").asInt()).isEqualTo(200);
    assertThat(r.json().get("router").asString())
        .isEqualTo(url("/api/whisper/tasks/create?file_url=https%3A%2F%2Fcdn.example.com%2Fa.mp4"));
    JsonNode data = r.data();
    assertThat(r.fieldNames(data)).containsExactlyElementsOf(SEED_KEYS);
    long id = data.get("id").asLong();
    assertThat(data.get("status").asString()).isEqualTo("queued");
    assertThat(data.get("priority").asString()).isEqualTo("normal");
    assertThat(data.get("task_type").asString()).isEqualTo("transcribe");
    assertThat(data.get("engine_name").asString()).isEqualTo("whisper.cpp");
    assertThat(data.get("model_name").isNull())
        .as("no model named: the transcription worker's default runs, recorded at completion")
        .isTrue();
    assertThat(data.get("file_url").asString()).isEqualTo("https://cdn.example.com/a.mp4");
    assertThat(data.get("file_path").isNull()).isTrue();
    assertThat(data.get("stage").asString()).isEqualTo("queued");
    assertThat(data.get("created_at").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(data.get("output_url").asString())
        .isEqualTo(url("/api/whisper/tasks/result?task_id=" + id));
    JsonNode decode = data.get("decode_options");
    assertThat(decode.get("temperature").toString()).isEqualTo("[0.0,0.2,0.4,0.6,0.8,1.0]");
    assertThat(decode.get("compression_ratio_threshold").asDouble()).isEqualTo(2.4);
    assertThat(decode.get("language").isNull()).isTrue();

    JsonNode params = r.json().get("params");
    assertThat(r.fieldNames(params))
        .containsExactly(
            "language",
            "temperature",
            "compression_ratio_threshold",
            "no_speech_threshold",
            "condition_on_previous_text",
            "initial_prompt",
            "word_timestamps",
            "prepend_punctuations",
            "append_punctuations",
            "clip_timestamps",
            "hallucination_silence_threshold",
            "task_type",
            "priority",
            "callback_url",
            "model");

    assertThat(workflows.started).hasSize(1);
    var started = workflows.started.get(0);
    assertThat(started.priority()).isEqualTo(TaskPriority.NORMAL);
    assertThat(started.request().taskId()).isEqualTo(id);
    assertThat(started.request().mediaUrl()).isEqualTo("https://cdn.example.com/a.mp4");
    assertThat(started.request().uploadKey()).isNull();
    assertThat(started.request().translate()).isFalse();
    assertThat(started.request().model())
        .as("no name baked in by the API: the transcription worker's default applies")
        .isNull();
    assertThat(started.request().options()).isEqualTo(DecodeOptions.defaults());
    assertThat(inspector.inspected).isEmpty();
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
  void fileUrlAsMultipartFieldWithoutFile() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            map("file_url", "https://cdn.example.com/b.mp4", "priority", "low"),
            null,
            null);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("priority").asString()).isEqualTo("low");
    assertThat(workflows.started.get(0).request().mediaUrl())
        .isEqualTo("https://cdn.example.com/b.mp4");
  }

  @Test
  void urlEncodedFormFieldsWork() {
    Reply r =
        send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url("/api/whisper/tasks/create")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        query(map("file_url", "https://cdn.example.com/视频.mp4", "language", "ja"))
                            .substring(1))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("file_url").asString()).isEqualTo("https://cdn.example.com/视频.mp4");
    assertThat(workflows.started.get(0).request().options().language()).isEqualTo("ja");
  }

  @Test
  void publicUrlIsNotSetSoOutputUrlFollowsTheRequestHost() {
    Reply r =
        send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/whisper/tasks/create?file_url=https://a.example.com/a.mp3"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(r.data().get("output_url").asString())
        .startsWith("http://127.0.0.1:" + port + "/api/whisper/tasks/result?task_id=");
  }

  @Test
  void neitherFileNorUrlIs400WithTheSeedMessage() {
    Reply r = postEmpty("/api/whisper/tasks/create?priority=high");
    assertError(r, 400, TaskCreation.MSG_NO_SOURCE);
    assertThat(r.detail().get("message").asString()).isEqualTo(TaskCreation.MSG_NO_SOURCE);
    assertThat(r.detail().get("params").get("priority").asString()).isEqualTo("high");
    assertThat(r.detail().get("router").asString())
        .isEqualTo(url("/api/whisper/tasks/create?priority=high"));
    assertThat(store.rows).isEmpty();
  }

  @Test
  void bothFileAndUrlIs400WithTheSeedMessage() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            map("file_url", "https://x.example.com/a.mp3"),
            "a.mp3",
            AUDIO);
    assertError(r, 400, TaskCreation.MSG_BOTH_SOURCES);
    assertThat(r.detail().get("message").asString()).isEqualTo(TaskCreation.MSG_BOTH_SOURCES);
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void loginsInUrlsReachTheWorkflowButAreMaskedInResponses() {
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create"
                + query(
                    map(
                        "file_url",
                        "https://reader:s3cret@cdn.example.com/a.mp4",
                        "callback_url",
                        "https://hooktoken@cb.example.com/done")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("file_url").asString())
        .isEqualTo("https://reader:***@cdn.example.com/a.mp4");
    assertThat(r.data().get("callback_url").asString())
        .isEqualTo("https://***@cb.example.com/done");
    assertThat(r.json().get("params").get("callback_url").asString())
        .isEqualTo("https://***@cb.example.com/done");
    assertThat(workflows.started.get(0).request().mediaUrl())
        .isEqualTo("https://reader:s3cret@cdn.example.com/a.mp4");
    Reply listed = postJson("/api/whisper/tasks/query", "{}");
    assertThat(listed.body()).doesNotContain("s3cret", "hooktoken");
  }

  @Test
  void undecodableParametersAre400NotA500() throws Exception {
    for (String target :
        List.of(
            "/api/whisper/tasks/create?file_url=http://example.com/50%off.mp3",
            "/api/whisper/tasks/create?file_url=http://example.com/a.mp3&language=%E0",
            "/api/whisper/tasks/result?task_id=%zz")) {
      String response = rawRequest(target.contains("/result") ? "GET" : "POST", target);
      assertThat(response).as(target).startsWith("HTTP/1.1 400");
      assertThat(response).as(target).contains("could not be decoded");
    }
    assertThat(store.rows).isEmpty();
  }

  /** A request sent as raw bytes: java.net.URI refuses the malformed escapes under test. */
  private String rawRequest(String method, String target) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
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
  void badFileUrlsAre400() {
    for (String bad :
        List.of(
            "ftp://example.com/a.mp3", "example.com/a.mp3", "http://", "https:///a", "not a url")) {
      Reply r = postEmpty("/api/whisper/tasks/create" + query(map("file_url", bad)));
      assertError(r, 400, TaskCreation.MSG_BAD_URL);
    }
    assertThat(store.rows).isEmpty();
  }

  @Test
  void fileUrlsAtPrivateOrLocalIpLiteralsAre400() {
    for (String host :
        List.of(
            "127.0.0.1:7233", "169.254.169.254", "10.1.2.3", "100.64.0.1", "[::1]", "0.0.0.0")) {
      String bad = "http://" + host + "/latest/meta-data/";
      Reply r = postEmpty("/api/whisper/tasks/create" + query(map("file_url", bad)));
      String shown = host.replace(":7233", "");
      assertError(
          r,
          400,
          "The media URL points to a private or local network address ("
              + shown
              + "), which this server does not fetch from; an operator can allow it with"
              + " STT_FETCH_ALLOW_PRIVATE_NETWORKS=true");
    }
    assertThat(store.rows).isEmpty();
    assertThat(workflows.started).isEmpty();

    // Host names and public addresses are left to the worker's check.
    for (String ok : List.of("http://8.8.8.8/a.mp3", "http://media.internal.example/a.mp3")) {
      assertThat(postEmpty("/api/whisper/tasks/create" + query(map("file_url", ok))).status())
          .as(ok)
          .isEqualTo(200);
    }
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
  void invalidOptionsAre400NamingTheParameter() {
    record Case(String name, String value, String expected) {}
    List<Case> cases =
        List.of(
            new Case(
                "task_type", "summarize", "'task_type'; allowed values: transcribe, translate"),
            new Case("priority", "urgent", "'priority'; allowed values: high, normal, low"),
            new Case("temperature", "1.5", "'temperature'"),
            new Case("temperature", "0.2,,0.4", "'temperature'"),
            new Case("temperature", "hot", "'temperature'"),
            new Case("compression_ratio_threshold", "abc", "'compression_ratio_threshold'"),
            new Case("compression_ratio_threshold", "-1", "'compression_ratio_threshold'"),
            new Case("no_speech_threshold", "1.2", "'no_speech_threshold'"),
            new Case("no_speech_threshold", "NaN", "'no_speech_threshold'"),
            new Case("condition_on_previous_text", "maybe", "allowed values: true, false"),
            new Case("word_timestamps", "2", "'word_timestamps'; allowed values: true, false"),
            new Case("language", "english", "'language'"),
            new Case("language", "z1", "'language'"),
            new Case("language", "xx", "Unknown language 'xx'"),
            new Case("clip_timestamps", "10,5", "non-decreasing"),
            new Case("clip_timestamps", "-1", "'clip_timestamps'"),
            new Case("clip_timestamps", "a,b", "'clip_timestamps'"),
            new Case("hallucination_silence_threshold", "0", "'hallucination_silence_threshold'"),
            new Case("hallucination_silence_threshold", "x", "'hallucination_silence_threshold'"),
            new Case("vad_filter", "sometimes", "'vad_filter'; allowed values: true, false"),
            new Case("vad_threshold", "1.5", "'vad_threshold'"),
            new Case("vad_neg_threshold", "-0.1", "'vad_neg_threshold'"),
            new Case("vad_min_speech_duration_ms", "12.5", "whole milliseconds"),
            new Case("vad_min_silence_duration_ms", "-1", "'vad_min_silence_duration_ms'"),
            new Case("vad_speech_pad_ms", "3600001", "'vad_speech_pad_ms'"),
            new Case("vad_max_speech_duration_s", "0", "'vad_max_speech_duration_s'"),
            new Case("callback_url", "mailto:someone@example.com", "callback URL"),
            new Case("model", "../../etc/passwd", "'model'"),
            new Case("platform", "p".repeat(51), "'platform'"),
            new Case(
                "initial_prompt",
                "w".repeat(DecodeOptionsParser.MAX_PROMPT_LENGTH + 1),
                "'initial_prompt' parameter must be at most"),
            new Case("append_punctuations", ".".repeat(65), "'append_punctuations'"));
    for (Case c : cases) {
      Map<String, String> p = map("file_url", "https://cdn.example.com/a.mp4", c.name(), c.value());
      Reply viaQuery = postEmpty("/api/whisper/tasks/create" + query(p));
      assertError(viaQuery, 400, c.expected());
      Reply viaForm = postMultipart("/api/whisper/tasks/create", p, null, null);
      assertError(viaForm, 400, c.expected());
    }
    assertThat(store.rows).isEmpty();
    assertThat(workflows.started).isEmpty();
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

  @Test
  void notMediaIs415AndTheUploadIsDeleted() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            Map.of(),
            "notes.txt",
            "NOTMEDIA text".getBytes(StandardCharsets.UTF_8));
    assertError(r, 415, "not a media file");
    assertThat(uploadDirs()).isEmpty();
    assertThat(store.rows).isEmpty();
    assertThat(inspector.inspected).hasSize(1);
    assertThat(inspector.inspected.get(0)).doesNotExist();
  }

  @Test
  void noAudioStreamIs415AndTheUploadIsDeleted() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            Map.of(),
            "silent.mp4",
            "NOAUDIO video".getBytes(StandardCharsets.UTF_8));
    assertError(r, 415, "no audio stream");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void emptyFileIs400() {
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "empty.wav", new byte[0]);
    assertError(r, 400, "empty");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void workflowStartFailureIs503AndTheTaskIsMarkedFailed() {
    workflows.failStart = true;
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "a.wav", AUDIO);

    assertError(r, 503, "workflow service is unavailable");
    assertThat(r.body()).doesNotContain("10.0.0.1");
    long id = r.detail().get("task_id").asLong();
    TaskRecord row = store.rows.get(id);
    assertThat(row.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(row.errorMessage()).contains("workflow service is unavailable");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void storeFailureIs500WithAGenericMessageAndNoUploadLeft() {
    store.failWith = new IllegalStateException("secret jdbc:mysql://db:3306 password=hunter2");
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "a.wav", AUDIO);
    assertError(r, 500, "unexpected error");
    assertThat(r.body()).doesNotContain("hunter2");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void databaseErrorIs503() {
    store.failWith = new org.springframework.dao.DataAccessResourceFailureException("down");
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create" + query(map("file_url", "https://a.example.com/a.mp3")));
    assertError(r, 503, "Database error occurred");
  }

  @Test
  void overLimitUploadIs413NamingTheLimit() {
    byte[] big = new byte[200 * 1024];
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "big.wav", big);
    assertError(r, 413, "64KB");
    assertThat(r.detail().get("message").asString()).contains("STT_UPLOAD_MAX_SIZE");
    assertThat(uploadDirs()).isEmpty();
    assertThat(store.rows).isEmpty();
  }

  @Test
  void uploadFarOverTheLimitIs413() {
    byte[] big = new byte[5 * 1024 * 1024];
    Reply r = null;
    // Tomcat answers 413 and closes the connection while the client is still sending the body, so
    // the JDK client now and then loses the answer's chunked body ("chunked transfer encoding,
    // state: READING_LENGTH"): the answer is asserted on the first attempt that reads it whole.
    for (int attempt = 1; r == null; attempt++) {
      try {
        r = postMultipart("/api/whisper/tasks/create", Map.of(), "huge.wav", big);
      } catch (java.io.UncheckedIOException cut) {
        if (attempt == 3) {
          throw cut;
        }
      }
    }
    assertError(r, 413, "64KB");
  }

  @Test
  void fileJustOverTheFileLimitButWithinTheRequestAllowanceIs413() {
    byte[] big = new byte[64 * 1024 + 10];
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "big.wav", big);
    assertError(r, 413, "64KB");
  }

  @Test
  void fileUploadSentAsTextFieldCountsAsNoFile() {
    Reply r = postMultipart("/api/whisper/tasks/create", map("file_upload", "oops"), null, null);
    assertError(r, 400, TaskCreation.MSG_NO_SOURCE);
  }

  @Test
  void aFileSentForATextParameterIs400SayingSo() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            map("file_url", "https://cdn.example.com/a.mp4"),
            "initial_prompt",
            "prompt.txt",
            "names".getBytes(StandardCharsets.UTF_8));
    assertError(r, 400, "Parameter 'initial_prompt' was sent as a file; expected text");
    assertThat(r.body()).doesNotContain("MultipartFile@");
    assertThat(store.rows).isEmpty();
  }

  @Test
  void getOnCreateIs405() {
    Reply r = get("/api/whisper/tasks/create");
    assertError(r, 405, "GET");
    assertThat(r.headers().get("allow").get(0)).contains("POST");
  }
}
