package org.sttplatform.api.web;

import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, as the API's JSON envelope instead of an HTML page. It answers what Tomcat
 * refuses before any servlet runs: a request line or headers over {@code
 * server.max-http-request-header-size} (431), an invalid {@code Content-Length}, a control
 * character in a header, a malformed request line (400). Errors the application handles are already
 * written by then (the {@code /error} dispatch) and left alone.
 *
 * <p>Tomcat creates it by class name ({@code StandardHost.setErrorReportValveClass}), hence the
 * public no-argument constructor.
 */
public class JsonErrorReportValve extends ErrorReportValve {
  private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public JsonErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    // The same preconditions as Tomcat's report: an error status, nothing written yet, and an
    // open connection.
    if (response.getStatus() < 400
        || response.getContentWritten() > 0
        || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    Throwable cause =
        throwable != null
            ? throwable
            : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    HttpStatus status = status(response.getStatus(), cause);
    String message = message(status, request, cause);
    log.debug("Refused a request with {}: {}", status.value(), message, cause);
    ApiError body =
        new ApiError(
            new ApiError.Detail(
                status.value(),
                message,
                TaskView.time(Instant.now()),
                router(request),
                Map.of(),
                Map.of()));
    try {
      response.setStatus(status.value());
      if (response.getHeader(RequestIds.HEADER) == null) {
        // Refused before the filters ran: the request id header is given here.
        response.setHeader(
            RequestIds.HEADER, RequestIds.accept(rawHeader(request, "x-request-id")));
      }
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(body));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response cannot be written: nothing more to tell it.
      log.debug("Could not write the error report", e);
    }
  }

  /** Tomcat answers 400 for headers over the limit; 431 says which limit was hit. */
  private static HttpStatus status(int code, Throwable cause) {
    if (code == 400 && isHeaderTooLarge(cause)) {
      return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    HttpStatus status = HttpStatus.resolve(code);
    return status == null ? HttpStatus.BAD_REQUEST : status;
  }

  private static boolean isHeaderTooLarge(Throwable cause) {
    // Tomcat's Http11InputBuffer: "Request header is too large" (request line or headers).
    return cause instanceof IllegalArgumentException
        && cause.getMessage() != null
        && cause.getMessage().contains("too large");
  }

  private static String message(HttpStatus status, Request request, Throwable cause) {
    if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE) {
      return "The request line or headers are too large for the server; send long parameters as"
          + " multipart/form-data fields";
    }
    if (status.is5xxServerError()) {
      return "An unexpected error occurred; the details were logged";
    }
    if (status == HttpStatus.BAD_REQUEST) {
      String length = rawHeader(request, "content-length");
      if (length != null && !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return "The Content-Length header is invalid; expected a number of bytes";
      }
      return "The request is malformed (request line, header or body framing) and was refused";
    }
    return status.getReasonPhrase();
  }

  /** A header as received, read without Tomcat's parsing of its value. */
  private static String rawHeader(Request request, String name) {
    try {
      return request.getCoyoteRequest().getMimeHeaders().getHeader(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The request's URL as far as Tomcat parsed it. */
  private static String router(Request request) {
    try {
      String uri = request.getCoyoteRequest().requestURI().toString();
      String host = request.getServerName();
      return request.getScheme()
          + "://"
          + (host == null || host.isEmpty() ? "localhost" : host)
          + ":"
          + request.getServerPort()
          + (uri == null ? "" : uri);
    } catch (RuntimeException e) {
      return "";
    }
  }
}
