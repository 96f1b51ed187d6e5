package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.CreateTaskFixtures.AUDIO;
import static org.sttplatform.api.web.CreateTaskFixtures.SEED_KEYS;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.workflows.model.DecodeOptions;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasks/create}: the media comes from a file URL or an upload (one of them), the parameters
 * arrive as query parameters or form fields (multipart or URL-encoded), never as headers; the
 * answer's envelope, the seed's task fields, and the URLs it shows.
 */
class CreateTaskSourcesTest extends WebTestBase {
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
