package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Replaces Boot's {@code /error} JSON for failures that never reach a controller (servlet filters,
 * container errors), so those also answer with the seed's error envelope.
 */
@RestController
@Hidden
public class ErrorEnvelopeController implements ErrorController {
  private final ApiExceptionHandler handler;

  public ErrorEnvelopeController(ApiExceptionHandler handler) {
    this.handler = handler;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  public ResponseEntity<ApiError> error(HttpServletRequest request) {
    Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (exception instanceof MaxUploadSizeExceededException e) {
      return handler.tooLarge(e, request);
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer i && HttpStatus.resolve(i) != null
            ? HttpStatus.valueOf(i)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    String message =
        status.is5xxServerError()
            ? "An unexpected error occurred; the details were logged"
            : status.getReasonPhrase();
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String path) {
      // The request now is the error dispatch; name the URL the client asked for.
      String base =
          request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
      String router =
          base
              + path
              + (request.getQueryString() == null
                  ? ""
                  : "?" + RequestInfo.masked(request.getQueryString()));
      return ApiExceptionHandler.error(
          status, message, router, RequestInfo.of(request).queryParams(), Map.of());
    }
    return ApiExceptionHandler.error(request, status, message, Map.of());
  }
}
