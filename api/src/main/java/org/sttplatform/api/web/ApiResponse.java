package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The seed's success envelope.
 *
 * @param code HTTP status code
 * @param router the full request URL
 * @param params the request parameters that shaped the answer
 * @param data the payload
 */
@JsonPropertyOrder({"code", "router", "params", "data"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "成功响应信封 / Success envelope")
public record ApiResponse<T>(
    @Schema(description = "HTTP 状态码 / HTTP status code", example = "200") int code,
    @Schema(description = "请求的完整 URL / Full request URL") String router,
    @Schema(description = "请求参数 / Request parameters") Map<String, Object> params,
    @Schema(description = "响应数据 / Response data") T data) {

  static <T> ApiResponse<T> ok(RequestInfo request, Map<String, Object> params, T data) {
    return new ApiResponse<>(200, request.router(), params, data);
  }
}
