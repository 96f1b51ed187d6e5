package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams.TimestampGranularity;
import com.openai.models.audio.translations.TranslationCreateParams;
import com.openai.models.models.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI API around the audio answers: the model list, the OpenAI error shape for bad requests,
 * and the {@code /v1} endpoints in the OpenAPI document.
 */
class OpenAiModelsAndErrorsTest extends OpenAiApiTestBase {
  @Test
  void modelsListsWhisper1TheDefaultAndTheFilesOnDisk() {
    List<Model> models = client.models().list().data();
    assertThat(models).extracting(Model::id).contains("whisper-1", MODEL);
    assertThat(models).allSatisfy(m -> assertThat(m.ownedBy()).isNotBlank());
    assertThat(client.models().retrieve(MODEL).id()).isEqualTo(MODEL);
    assertThatThrownBy(() -> client.models().retrieve("no-such-model"))
        .isInstanceOfSatisfying(
            OpenAIServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.code()).hasValue("model_not_found");
            });
  }

  @Test
  void badRequestsAnswerOpenAiErrorsNamingTheParameter() throws IOException {
    assertError(
        () ->
            client
                .audio()
                .transcriptions()
                .create(transcription(AudioResponseFormat.of("xml")).build()),
        400,
        "response_format");
    assertError(
        () ->
            client
                .audio()
                .transcriptions()
                .create(
                    transcription(AudioResponseFormat.JSON)
                        .timestampGranularities(List.of(TimestampGranularity.WORD))
                        .build()),
        400,
        "timestamp_granularities[]");
    assertError(
        () ->
            client
                .audio()
                .transcriptions()
                .create(transcription(AudioResponseFormat.JSON).language("xx").build()),
        400,
        "language");
    assertError(
        () ->
            client
                .audio()
                .transcriptions()
                .create(transcription(AudioResponseFormat.JSON).temperature(1.5).build()),
        400,
        "temperature");
    assertError(
        () ->
            client
                .audio()
                .transcriptions()
                .create(transcription(AudioResponseFormat.JSON).model("no-such-model").build()),
        404,
        "model");
    assertError(
        () ->
            client
                .audio()
                .translations()
                .create(
                    TranslationCreateParams.builder()
                        .file(speech)
                        .model("no-such-model")
                        .responseFormat(TranslationCreateParams.ResponseFormat.JSON)
                        .build()),
        404,
        "model");
    Path notAudio = Files.writeString(DIR.resolve("notes.txt"), "not audio at all\n");
    OpenAIServiceException media =
        assertError(
            () ->
                client
                    .audio()
                    .transcriptions()
                    .create(transcription(AudioResponseFormat.JSON).file(notAudio).build()),
            415,
            null);
    assertThat(media.type()).hasValue("invalid_request_error");
  }

  @Test
  void aRequestThatIsNotMultipartIsAnOpenAiError() {
    Reply r = post("/v1/audio/transcriptions", "{\"model\":\"whisper-1\"}");
    assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
    assertThat(r.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    assertThat(r.json().has("detail")).isFalse();
  }

  @Test
  void theEndpointsAreDescribedInTheOpenApiDocument() {
    Reply r = get("/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    JsonNode paths = r.json().path("paths");
    assertThat(paths.path("/v1/audio/transcriptions").path("post").path("summary").asText())
        .contains("语音转写", "Transcribe audio");
    assertThat(paths.path("/v1/audio/translations").path("post").path("summary").asText())
        .contains("Translate");
    assertThat(paths.path("/v1/models").path("get").path("summary").asText())
        .contains("列出模型", "List models");
    // translations answer as transcriptions do (but never stream): the same statuses documented
    JsonNode transcriptions = paths.path("/v1/audio/transcriptions").path("post").path("responses");
    JsonNode translations = paths.path("/v1/audio/translations").path("post").path("responses");
    assertThat(fieldNames(translations)).isEqualTo(fieldNames(transcriptions));
    assertThat(fieldNames(translations.path("200").path("content")))
        .containsExactly("application/json", "text/plain", "application/x-subrip", "text/vtt");
    // the OpenAI error shape is documented on /v1 only; the seed paths keep their envelope
    assertThat(paths.path("/v1/audio/transcriptions").toString()).contains("OpenAiError");
    assertThat(paths.path("/api/whisper/tasks/create").toString())
        .contains("ApiError")
        .doesNotContain("OpenAiError");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static OpenAIServiceException assertError(Runnable call, int status, String param) {
    try {
      call.run();
    } catch (OpenAIServiceException e) {
      assertThat(e.statusCode()).as(e.body().toString()).isEqualTo(status);
      assertThat(e.type()).hasValue(status < 500 ? "invalid_request_error" : "server_error");
      if (param != null) {
        assertThat(e.param()).as(e.body().toString()).hasValue(param);
      }
      assertThat(e.getMessage()).isNotBlank();
      return e;
    }
    throw new AssertionError("expected an HTTP " + status);
  }
}
