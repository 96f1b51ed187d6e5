package org.sttplatform.api.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error answered with the seed's error envelope {@code {"detail": {...}}}. The message is sent
 * to the client as is.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final Map<String, Object> extra;

  public ApiException(HttpStatus status, String message) {
    this(status, message, Map.of());
  }

  /**
   * @param extra additional {@code detail} members (e.g. {@code stage}, {@code progress})
   */
  public ApiException(HttpStatus status, String message, Map<String, Object> extra) {
    super(message);
    this.status = status;
    this.extra = extra;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }

  public HttpStatus status() {
    return status;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
