package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DocsAndErrorsTest extends WebTestBase {
  static final List<String> CREATE_PARAMETERS =
      List.of(
          "file_url",
          "task_type",
          "callback_url",
          "priority",
          "platform",
          "model",
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
          "vad_filter",
          "vad_threshold",
          "vad_neg_threshold",
          "vad_min_speech_duration_ms",
          "vad_max_speech_duration_s",
          "vad_min_silence_duration_ms",
          "vad_speech_pad_ms",
          "beam_size",
          "best_of",
          "patience",
          "subtitle_formats");

  static boolean hasCjk(String s) {
    return s != null && s.codePoints().anyMatch(cp -> cp >= 0x4E00 && cp <= 0x9FFF);
  }

  @Test
  void rootRedirectsToTheSwaggerUi() throws Exception {
    HttpResponse<String> noFollow =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url("/"))).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noFollow.statusCode()).isEqualTo(302);
    assertThat(noFollow.headers().firstValue("Location").orElseThrow()).endsWith("/docs");

    HttpClient follow = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> ui =
        follow.send(
            HttpRequest.newBuilder(URI.create(url("/"))).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("Swagger UI");
    // springdoc serves the UI behind /docs via a redirect to its own index page.
    assertThat(ui.uri().getPath()).isEqualTo("/swagger-ui/index.html");

    Reply config = get("/openapi.json/swagger-config");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().get("url").asString()).isEqualTo("/openapi.json");
  }

  @Test
  void openApiDocumentsEveryOperationBilingually() {
    Reply r = get("/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    JsonNode paths = r.json().get("paths");
    assertThat(r.fieldNames(paths))
        .contains(
            "/api/whisper/tasks/create",
            "/api/whisper/tasks/query",
            "/api/whisper/tasks/result",
            "/api/whisper/tasks/delete",
            "/api/health/check")
        .doesNotContain("/");

    JsonNode create = paths.get("/api/whisper/tasks/create").get("post");
    assertThat(create.get("tags").get(0).asString()).isEqualTo("Whisper-Tasks");
    assertThat(hasCjk(create.get("summary").asString())).isTrue();
    assertThat(create.get("description").asString()).contains("Create a speech-to-text task");
    List<String> names = new ArrayList<>();
    for (JsonNode p : create.get("parameters")) {
      names.add(p.get("name").asString());
      assertThat(hasCjk(p.get("description").asString())).as(p.get("name").asString()).isTrue();
      assertThat(p.get("description").asString()).as(p.get("name").asString()).contains(" / ");
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(CREATE_PARAMETERS);
    JsonNode multipart = create.get("requestBody").get("content").get("multipart/form-data");
    String ref = multipart.get("schema").get("$ref").asString();
    JsonNode upload =
        r.json()
            .get("components")
            .get("schemas")
            .get(ref.substring(ref.lastIndexOf('/') + 1))
            .get("properties")
            .get("file_upload");
    assertThat(upload.get("format").asString()).isEqualTo("binary");
    assertThat(hasCjk(upload.get("description").asString())).isTrue();

    assertThat(paths.get("/api/health/check").get("get").get("tags").get(0).asString())
        .isEqualTo("Health-Check");
    JsonNode schemas = r.json().get("components").get("schemas");
    JsonNode taskProps = schemas.get("TaskView").get("properties");
    assertThat(r.fieldNames(taskProps)).contains("id", "status", "decode_options", "output_url");
    for (String field : r.fieldNames(taskProps)) {
      JsonNode description = taskProps.get(field).get("description");
      if (description != null) {
        assertThat(hasCjk(description.asString())).as(field).isTrue();
      }
    }
    JsonNode queryProps = schemas.get("TaskQueryRequest").get("properties");
    assertThat(hasCjk(queryProps.get("created_after").get("description").asString())).isTrue();
    for (JsonNode tag : r.json().get("tags")) {
      assertThat(hasCjk(tag.get("description").asString())).isTrue();
    }
  }

  @Test
  void unknownPathIs404Envelope() {
    Reply r = get("/api/whisper/nothing?x=1");
    assertError(r, 404, "No endpoint GET /api/whisper/nothing");
    assertThat(r.detail().get("params").get("x").asString()).isEqualTo("1");
  }

  @Test
  void wrongMethodIs405Envelope() {
    assertError(postEmpty("/api/whisper/tasks/result?task_id=1"), 405, "POST");
    assertError(get("/api/whisper/tasks/delete?task_id=1"), 405, "GET");
  }

  @Test
  void failuresOutsideControllersUseTheEnvelopeToo() {
    Reply boom = get("/test/filter-boom?a=b");
    assertError(boom, 500, "unexpected error");
    assertThat(boom.body()).doesNotContain("secret");
    assertThat(boom.detail().get("router").asString()).isEqualTo(url("/test/filter-boom?a=b"));

    Reply bad = get("/test/send-error");
    assertError(bad, 400, "Bad Request");
  }

  @Test
  void unexpectedErrorIs500WithoutDetails() {
    store.failWith = new IllegalStateException("NullPointer somewhere in secret code");
    Reply r = get("/api/whisper/tasks/result?task_id=1");
    assertError(r, 500, "unexpected error");
    assertThat(r.body()).doesNotContain("secret");
  }
}
