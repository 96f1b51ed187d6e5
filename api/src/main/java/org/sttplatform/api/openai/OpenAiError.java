package org.sttplatform.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}, answered on every
 * {@code /v1} path.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OpenAiError(@Schema(description = "错误 / The error") Body error) {

  /**
   * @param message what went wrong
   * @param type {@code invalid_request_error} for a 4xx, {@code server_error} for a 5xx
   * @param param the request parameter at fault, or {@code null}
   * @param code a machine-readable code such as {@code model_not_found}, or {@code null}
   */
  public record Body(
      @Schema(description = "错误信息 / Error message") String message,
      @Schema(description = "错误类型 / Error type", example = "invalid_request_error") String type,
      @Schema(description = "出错的参数 / Parameter at fault", nullable = true) String param,
      @Schema(description = "错误代码 / Error code", nullable = true) String code) {}

  /** The type OpenAI gives a status: 4xx are the request's fault, the rest the server's. */
  static String typeOf(int status) {
    return status >= 400 && status < 500 ? "invalid_request_error" : "server_error";
  }
}
