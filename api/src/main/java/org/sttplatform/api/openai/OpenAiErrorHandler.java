package org.sttplatform.api.openai;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.sttplatform.api.web.ApiError;
import org.sttplatform.api.web.ApiException;
import org.sttplatform.api.web.ApiExceptionHandler;

/**
 * OpenAI's error shape for the {@code /v1} controllers (the seed's envelope stays on {@code /api}):
 * the same statuses and messages as the seed's handler, with the parameter at fault in {@code
 * param} under its OpenAI name.
 */
@RestControllerAdvice(assignableTypes = {AudioController.class, ModelsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(OpenAiErrorHandler.class);

  /** How the seed's messages name a parameter: "parameter 'language'", "The 'file_url' …". */
  private static final Pattern NAMED_PARAM =
      Pattern.compile("(?:parameter|field) '([a-z_\\[\\]]+)'|^The '([a-z_]+)' parameter");

  /** Seed parameter names that the OpenAI endpoints call otherwise. */
  private static final Map<String, String> OPENAI_NAMES =
      Map.of(
          "initial_prompt", "prompt",
          "file_upload", "file",
          "word_timestamps", "timestamp_granularities[]");

  private final ApiExceptionHandler seed;

  OpenAiErrorHandler(ApiExceptionHandler seed) {
    this.seed = seed;
  }

  /** The error body with this status. */
  static ResponseEntity<OpenAiError> error(
      HttpStatus status, String message, String param, String code) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            new OpenAiError(
                new OpenAiError.Body(message, OpenAiError.typeOf(status.value()), param, code)));
  }

  /** The seed's answer in OpenAI's shape. */
  static ResponseEntity<OpenAiError> converted(ResponseEntity<ApiError> seedAnswer) {
    HttpStatus status = HttpStatus.valueOf(seedAnswer.getStatusCode().value());
    String message = seedAnswer.getBody() == null ? null : seedAnswer.getBody().detail().message();
    return error(status, message, paramOf(message), null);
  }

  @ExceptionHandler(OpenAiException.class)
  ResponseEntity<OpenAiError> openAi(OpenAiException e) {
    return error(e.status(), e.getMessage(), e.param(), e.code());
  }

  /** From the task creation shared with the seed API (validation, media, workflow start). */
  @ExceptionHandler(ApiException.class)
  ResponseEntity<OpenAiError> api(ApiException e) {
    String code =
        switch (e.status()) {
          case BAD_REQUEST -> "invalid_value";
          case UNSUPPORTED_MEDIA_TYPE -> "invalid_file_format";
          case CONTENT_TOO_LARGE -> "file_too_large";
          default -> null;
        };
    return error(e.status(), e.getMessage(), paramOf(e.getMessage()), code);
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<OpenAiError> missingPart(MissingServletRequestPartException e) {
    String name = e.getRequestPartName();
    return error(HttpStatus.BAD_REQUEST, "The '%s' part is required".formatted(name), name, null);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<OpenAiError> missingParameter(MissingServletRequestParameterException e) {
    String name = e.getParameterName();
    return error(
        HttpStatus.BAD_REQUEST, "The '%s' parameter is required".formatted(name), name, null);
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<OpenAiError> multipart(MultipartException e, HttpServletRequest request) {
    return converted(
        e instanceof MaxUploadSizeExceededException tooLarge
            ? seed.tooLarge(tooLarge, request)
            : seed.multipart(e, request));
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<OpenAiError> database(DataAccessException e, HttpServletRequest request) {
    log.error("Database error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return error(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Database error occurred. Please try again later.",
        null,
        null);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<OpenAiError> unexpected(Exception e, HttpServletRequest request) {
    if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
      HttpStatus status = HttpStatus.valueOf(framework.getStatusCode().value());
      String detail = framework.getBody().getDetail();
      return error(status, detail == null ? status.getReasonPhrase() : detail, null, null);
    }
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "An unexpected error occurred; the details were logged",
        null,
        null);
  }

  /** The parameter a seed message names, under its OpenAI name, or {@code null}. */
  static String paramOf(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = NAMED_PARAM.matcher(message);
    if (!m.find()) {
      return null;
    }
    String name = m.group(1) != null ? m.group(1) : m.group(2);
    return OPENAI_NAMES.getOrDefault(name, name);
  }
}
