package org.sttplatform.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.web.ApiError;
import org.sttplatform.api.web.ApiException;
import org.sttplatform.api.web.ApiExceptionHandler;

/**
 * Multipart failures happen before a controller is chosen: answered in OpenAI's shape on {@code
 * /v1} and in the seed's envelope elsewhere, with the seed's status and message in both.
 */
class OpenAiErrorsTest {
  private final ApiExceptionHandler seed =
      new ApiExceptionHandler(
          new SttProperties(
              Path.of("data"),
              "",
              new SttProperties.Upload(DataSize.ofMegabytes(1)),
              new SttProperties.Query(200),
              null,
              null,
              null),
          DataSize.ofBytes(2048));
  private final OpenAiMultipartErrors errors = new OpenAiMultipartErrors(seed);

  private static MockHttpServletRequest post(String path) {
    return new MockHttpServletRequest("POST", path);
  }

  @Test
  void anUploadOverTheLimitIsA413InOpenAisShapeOnV1() {
    ResponseEntity<?> r =
        errors.multipart(
            new MaxUploadSizeExceededException(1024), post("/v1/audio/transcriptions"));
    assertThat(r.getStatusCode().value()).isEqualTo(413);
    OpenAiError body = (OpenAiError) r.getBody();
    assertThat(body.error().type()).isEqualTo("invalid_request_error");
    assertThat(body.error().message()).contains("1MB", "STT_UPLOAD_MAX_SIZE");
  }

  @Test
  void theSeedPathsKeepTheSeedEnvelope() {
    ResponseEntity<?> r =
        errors.multipart(
            new MaxUploadSizeExceededException(1024), post("/api/whisper/tasks/create"));
    assertThat(r.getStatusCode().value()).isEqualTo(413);
    assertThat(((ApiError) r.getBody()).detail().code()).isEqualTo(413);

    ResponseEntity<?> malformed =
        errors.multipart(new MultipartException("bad boundary"), post("/v1x/audio"));
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat(malformed.getBody()).isInstanceOf(ApiError.class);
  }

  @Test
  void aMalformedBodyIsA400OnV1() {
    ResponseEntity<?> r =
        errors.multipart(new MultipartException("bad boundary"), post("/v1/audio/translations"));
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(((OpenAiError) r.getBody()).error().message()).contains("multipart");
  }

  @Test
  void taskCreationFailuresKeepTheirStatusWithOpenAisTypeAndCode() {
    OpenAiErrorHandler handler = new OpenAiErrorHandler(seed);
    ResponseEntity<OpenAiError> tooLong =
        handler.api(
            new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "The media is 7.0 h long; the limit is 6.0 h (STT_MAX_AUDIO_SECONDS)"));
    assertThat(tooLong.getStatusCode().value()).isEqualTo(413);
    assertThat(tooLong.getBody().error().type()).isEqualTo("invalid_request_error");
    assertThat(tooLong.getBody().error().code()).isEqualTo("file_too_large");

    ResponseEntity<OpenAiError> notMedia =
        handler.api(new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "No audio stream"));
    assertThat(notMedia.getStatusCode().value()).isEqualTo(415);
    assertThat(notMedia.getBody().error().code()).isEqualTo("invalid_file_format");

    ResponseEntity<OpenAiError> unavailable =
        handler.api(
            new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The workflow service is down"));
    assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
    assertThat(unavailable.getBody().error().type()).isEqualTo("server_error");

    ResponseEntity<OpenAiError> badLanguage =
        handler.api(
            ApiException.badRequest("Invalid value 'xx' for parameter 'language'; expected …"));
    assertThat(badLanguage.getBody().error().param()).isEqualTo("language");
    assertThat(badLanguage.getBody().error().code()).isEqualTo("invalid_value");
  }

  @Test
  void seedMessagesNameTheParameterUnderItsOpenAiName() {
    assertThat(
            OpenAiErrorHandler.paramOf(
                "Invalid value 'xx' for parameter 'language'; expected an ISO 639 code"))
        .isEqualTo("language");
    assertThat(OpenAiErrorHandler.paramOf("The 'initial_prompt' parameter must be at most 4000"))
        .isEqualTo("prompt");
    assertThat(OpenAiErrorHandler.paramOf("The uploaded file is empty")).isNull();
  }
}
