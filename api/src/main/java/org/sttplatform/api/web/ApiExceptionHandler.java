package org.sttplatform.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.sttplatform.activities.subtitles.InvalidSubtitleRequest;
import org.sttplatform.api.config.SttProperties;
import tools.jackson.core.JacksonException;

/**
 * Maps every failure to the seed's error envelope with a proper status. Bad input is always a 4xx
 * naming the parameter; unexpected failures are a 500 with a generic message (details are logged).
 */
@RestControllerAdvice
public class ApiExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final SttProperties properties;
  private final DataSize partHeaderMax;

  /**
   * @param partHeaderMax Tomcat's limit on one multipart part's headers (the file name is there)
   */
  public ApiExceptionHandler(
      SttProperties properties, @Value(WebConfig.PART_HEADER_MAX) DataSize partHeaderMax) {
    this.properties = properties;
    this.partHeaderMax = partHeaderMax;
  }

  /** The error envelope for a status and message. */
  static ResponseEntity<ApiError> error(
      HttpServletRequest request, HttpStatus status, String message, Map<String, Object> extra) {
    RequestInfo info = RequestInfo.of(request);
    return error(status, message, info.router(), info.queryParams(), extra);
  }

  /** The error envelope for a status and message, naming {@code router} as the request URL. */
  static ResponseEntity<ApiError> error(
      HttpStatus status,
      String message,
      String router,
      Map<String, Object> queryParams,
      Map<String, Object> extra) {
    // Preset, so content negotiation never refuses the envelope for an Accept such as text/html.
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            new ApiError(
                new ApiError.Detail(
                    status.value(),
                    message,
                    TaskView.time(Instant.now()),
                    router,
                    queryParams,
                    extra == null ? Map.of() : extra)));
  }

  private static ResponseEntity<ApiError> error(
      HttpServletRequest request, HttpStatus status, String message) {
    return error(request, status, message, Map.of());
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
    return error(request, e.status(), e.getMessage(), e.extra());
  }

  /** A subtitle format, shaping option or highlight request that cannot be served. */
  @ExceptionHandler(InvalidSubtitleRequest.class)
  ResponseEntity<ApiError> invalidSubtitles(InvalidSubtitleRequest e, HttpServletRequest request) {
    return error(request, HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return error(
        request,
        HttpStatus.BAD_REQUEST,
        "The '%s' parameter is required".formatted(e.getParameterName()));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ApiError> missingPart(
      MissingServletRequestPartException e, HttpServletRequest request) {
    return error(
        request,
        HttpStatus.BAD_REQUEST,
        "The '%s' part is required".formatted(e.getRequestPartName()));
  }

  @ExceptionHandler(TypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(TypeMismatchException e, HttpServletRequest request) {
    String name =
        e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
    return mismatch(request, e.getValue(), name, e.getRequiredType());
  }

  /**
   * A parameter object (e.g. the create parameters) bound from a value of the wrong kind, such as a
   * file part named like a text field: the same answer as for a single mismatched parameter.
   */
  @ExceptionHandler(BindException.class)
  ResponseEntity<ApiError> binding(BindException e, HttpServletRequest request) {
    FieldError field = e.getFieldError();
    if (field != null && field.contains(TypeMismatchException.class)) {
      return mismatch(
          request,
          field.getRejectedValue(),
          field.getField(),
          field.unwrap(TypeMismatchException.class).getRequiredType());
    }
    return unexpected(e, request);
  }

  private static ResponseEntity<ApiError> mismatch(
      HttpServletRequest request, Object value, String name, Class<?> requiredType) {
    String expected = requiredType == null ? "another type" : requiredType.getSimpleName();
    if ("MultipartFile".equals(expected)) {
      expected = "a file (multipart/form-data part with a file name)";
    } else if ("String".equals(expected)) {
      expected = "text";
    }
    if (value instanceof MultipartFile || value instanceof MultipartFile[]) {
      return error(
          request,
          HttpStatus.BAD_REQUEST,
          "Parameter '%s' was sent as a file; expected %s".formatted(name, expected));
    }
    return error(
        request,
        HttpStatus.BAD_REQUEST,
        "Invalid value '%s' for parameter '%s'; expected %s".formatted(value, name, expected));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    String field = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException je && !je.getPath().isEmpty()) {
        List<JacksonException.Reference> path = je.getPath();
        field =
            path.stream()
                .map(
                    r ->
                        r.getPropertyName() != null
                            ? r.getPropertyName()
                            : "[" + r.getIndex() + "]")
                .filter(Objects::nonNull)
                .collect(Collectors.joining("."));
        break;
      }
    }
    String message =
        field == null
            ? "The request body is not valid JSON or does not match the expected object"
            : "Invalid value for field '%s' in the request body".formatted(field);
    log.debug("Unreadable request body", e);
    return error(request, HttpStatus.BAD_REQUEST, message);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  public ResponseEntity<ApiError> tooLarge(
      MaxUploadSizeExceededException e, HttpServletRequest request) {
    DataSize max = properties.upload().maxSize();
    if (MultipartFailures.isPartHeaderLimit(
        e, partHeaderMax.toBytes(), max.toBytes(), WebConfig.maxRequestBytes(properties))) {
      log.info("Multipart part header over the limit: {}", e.getMostSpecificCause().toString());
      return error(
          request,
          HttpStatus.BAD_REQUEST,
          ("A multipart part header is too large (over the server's limit of %s): shorten the"
                  + " file name or the part's headers")
              .formatted(human(partHeaderMax)));
    }
    return error(
        request,
        HttpStatus.CONTENT_TOO_LARGE,
        "The uploaded file is larger than the limit of %s (STT_UPLOAD_MAX_SIZE)"
            .formatted(human(max)));
  }

  @ExceptionHandler(MultipartException.class)
  public ResponseEntity<ApiError> multipart(MultipartException e, HttpServletRequest request) {
    if (isSizeLimit(e)) {
      return tooLarge(new MaxUploadSizeExceededException(-1, e), request);
    }
    log.info("Malformed multipart request: {}", e.toString());
    return error(
        request, HttpStatus.BAD_REQUEST, "The multipart/form-data request could not be parsed");
  }

  private static boolean isSizeLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (name.contains("SizeLimitExceeded") || name.contains("SizeException")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tomcat could not decode the request's parameters: bad percent-encoding or character set, too
   * many parameters, or a form body over its size limit.
   */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ApiError> invalidParameters(
      InvalidParameterException e, HttpServletRequest request) {
    log.info("Undecodable request parameters: {}", e.toString());
    if (e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
      return error(
          request,
          HttpStatus.CONTENT_TOO_LARGE,
          "The form data is larger than the server accepts; send files as multipart/form-data");
    }
    return error(
        request,
        HttpStatus.BAD_REQUEST,
        "The request parameters could not be decoded: check the URL encoding (a literal '%' must"
            + " be sent as %25) and that the text is UTF-8");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    String supported =
        e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
    return error(
        request,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Content type '%s' is not supported%s"
            .formatted(e.getContentType(), supported.isEmpty() ? "" : "; supported: " + supported));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ApiError> notAcceptable(
      HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
    return error(request, HttpStatus.NOT_ACCEPTABLE, "Responses are only available as JSON");
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<ApiError> noResource(Exception e, HttpServletRequest request) {
    return error(
        request,
        HttpStatus.NOT_FOUND,
        "No endpoint %s %s".formatted(request.getMethod(), request.getRequestURI()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    String allowed =
        e.getSupportedHttpMethods() == null
            ? ""
            : e.getSupportedHttpMethods().stream()
                .map(Object::toString)
                .collect(Collectors.joining(", "));
    ResponseEntity<ApiError> body =
        error(
            request,
            HttpStatus.METHOD_NOT_ALLOWED,
            "Method %s is not allowed here%s"
                .formatted(e.getMethod(), allowed.isEmpty() ? "" : "; allowed: " + allowed));
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(body.getHeaders());
    if (!allowed.isEmpty()) {
      headers.set(HttpHeaders.ALLOW, allowed);
    }
    return new ResponseEntity<>(body.getBody(), headers, body.getStatusCode());
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ApiError> database(DataAccessException e, HttpServletRequest request) {
    log.error("Database error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return error(
        request,
        HttpStatus.SERVICE_UNAVAILABLE,
        "Database error occurred. Please try again later.");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
    if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
      // Any other Spring MVC client error (missing header, binding, ...): keep its status.
      HttpStatus status = HttpStatus.valueOf(framework.getStatusCode().value());
      String detail = framework.getBody().getDetail();
      return error(request, status, detail == null ? status.getReasonPhrase() : detail);
    }
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return error(
        request,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "An unexpected error occurred; the details were logged");
  }

  /** 2GB, 512MB, 1KB or bytes. */
  static String human(DataSize size) {
    long bytes = size.toBytes();
    if (bytes >= DataSize.ofGigabytes(1).toBytes()
        && bytes % DataSize.ofGigabytes(1).toBytes() == 0) {
      return size.toGigabytes() + "GB";
    }
    if (bytes >= DataSize.ofMegabytes(1).toBytes()
        && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
      return size.toMegabytes() + "MB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return size.toKilobytes() + "KB";
    }
    return bytes + " bytes";
  }
}
