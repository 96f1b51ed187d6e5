package org.sttplatform.api.openai;

import org.springframework.http.HttpStatus;

/** A failure answered in {@link OpenAiError}'s shape with this status, parameter and code. */
class OpenAiException extends RuntimeException {
  private final HttpStatus status;
  private final String param;
  private final String code;

  OpenAiException(HttpStatus status, String message, String param, String code) {
    super(message);
    this.status = status;
    this.param = param;
    this.code = code;
  }

  /** A 400 naming the parameter. */
  static OpenAiException invalid(String param, String message) {
    return new OpenAiException(HttpStatus.BAD_REQUEST, message, param, "invalid_value");
  }

  HttpStatus status() {
    return status;
  }

  String param() {
    return param;
  }

  String code() {
    return code;
  }
}
