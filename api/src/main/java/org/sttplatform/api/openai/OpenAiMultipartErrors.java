package org.sttplatform.api.openai;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.sttplatform.api.web.ApiExceptionHandler;

/**
 * A multipart body the servlet cannot parse (too large, malformed) fails before any controller is
 * chosen, so {@link OpenAiErrorHandler}, scoped to the {@code /v1} controllers, never sees it: this
 * handler answers it by path, in OpenAI's shape on {@code /v1} and in the seed's envelope
 * elsewhere, with the seed's status and message in both.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class OpenAiMultipartErrors {
  private final ApiExceptionHandler seed;

  OpenAiMultipartErrors(ApiExceptionHandler seed) {
    this.seed = seed;
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<?> multipart(MultipartException e, HttpServletRequest request) {
    var answer =
        e instanceof MaxUploadSizeExceededException tooLarge
            ? seed.tooLarge(tooLarge, request)
            : seed.multipart(e, request);
    return isOpenAiPath(request) ? OpenAiErrorHandler.converted(answer) : answer;
  }

  static boolean isOpenAiPath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/v1") || path.startsWith("/v1/");
  }
}
