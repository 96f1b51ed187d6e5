package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.api.callback.CallbackActivitiesImpl;
import org.sttplatform.api.callback.CallbackSettings;
import org.sttplatform.api.callback.CallbackSignature;
import org.sttplatform.api.store.CallbackState;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.workflow.CallbackDeliveries;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The callback endpoints under {@code /api/whisper/callback}: a test receiver and redelivery. */
@RestController
@RequestMapping("/api/whisper/callback")
@Tag(name = "Whisper-Tasks", description = "Whisper 语音识别任务 / Whisper speech-to-text tasks")
public class CallbackController {
  private static final Logger log = LoggerFactory.getLogger(CallbackController.class);

  /** Largest body the test receiver reads. */
  static final int MAX_TEST_BODY = 8 * 1024 * 1024;

  private final TaskStore store;
  private final CallbackDeliveries deliveries;
  private final CallbackSettings settings;
  private final JsonMapper json;

  CallbackController(
      TaskStore store, CallbackDeliveries deliveries, CallbackSettings settings, JsonMapper json) {
    this.store = store;
    this.deliveries = deliveries;
    this.settings = settings;
    this.json = json;
  }

  @PostMapping("/test")
  @Operation(
      operationId = "callback_test",
      summary = "回调测试接口 / Callback test receiver",
      description =
          """
          接收任意 JSON 对象并原样返回, 可作为 callback_url 测试回调。带 X-STT-Signature 时, \
          用服务端配置的 STT_CALLBACK_SECRET 校验签名并返回结果。

          Receives any JSON object and echoes it; use it as a callback_url to try callbacks. \
          With an X-STT-Signature header, says whether the signature verifies with the \
          configured STT_CALLBACK_SECRET.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "回显收到的对象及签名校验结果 / The object received and the signature check"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "请求体不是 JSON 对象 / The body is not a JSON object",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "not_an_object",
                      value = EndpointExamples.CALLBACK_TEST_400_NOT_AN_OBJECT)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "413",
        description = "请求体超过 8 MiB / The body is larger than 8 MiB",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<Map<String, Object>> test(HttpServletRequest request) {
    byte[] body = read(request);
    JsonNode parsed;
    try {
      parsed = json.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("The callback body is not JSON: " + e.getOriginalMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw ApiException.badRequest("The callback body must be a JSON object");
    }
    String signature = request.getHeader(CallbackSignature.HEADER);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("message", "Callback interface test successful.");
    data.put("callback_data", parsed);
    data.put("event", request.getHeader(CallbackActivitiesImpl.EVENT_HEADER));
    data.put("delivery_id", request.getHeader(CallbackActivitiesImpl.DELIVERY_HEADER));
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("present", signature != null);
    Boolean verified = signature == null ? null : settings.verify(signature, body);
    check.put("verified", verified);
    check.put("timestamp", CallbackSignature.timestamp(signature));
    check.put(
        "message",
        signature == null
            ? "No " + CallbackSignature.HEADER + " header"
            : verified == null
                ? CallbackSettings.SECRET + " is not set on this server: cannot verify"
                : verified
                    ? "The signature verifies"
                    : "The signature does not verify with the configured secret");
    data.put("signature", check);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("callback_data", parsed);
    return ApiResponse.ok(RequestInfo.of(request), params, data);
  }

  @PostMapping("/redeliver")
  @Operation(
      operationId = "callback_redeliver",
      summary = "重新投递回调 / Redeliver a task's callback",
      description =
          """
          重新发送已结束任务的回调 (新的 X-STT-Delivery-Id, 尝试次数从 1 开始); 正在重试的投递会被替换。\
          任务没有 callback_url 或尚未结束时返回 409。

          Sends a finished task's callback again (a new X-STT-Delivery-Id, attempts from 1); a \
          delivery still retrying is replaced. 409 if the task has no callback_url or has not \
          finished.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "已开始重新投递 / Redelivery started"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "task_id 无效 / task_id is not a number",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "bad_task_id",
                      value = EndpointExamples.REDELIVER_400_BAD_TASK_ID)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "任务不存在 / Task not found",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "not_found",
                      value = EndpointExamples.REDELIVER_404_NOT_FOUND)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "409",
        description = "任务没有 callback_url 或尚未结束 / No callback_url, or the task has not finished",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @ExampleObject(
                      name = "no_callback",
                      value = EndpointExamples.REDELIVER_409_NO_CALLBACK)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description = "工作流服务不可用 / Workflow service unavailable",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<Map<String, Object>> redeliver(
      HttpServletRequest request,
      @Parameter(
              description = "任务 ID / Task ID",
              required = true,
              example = "1",
              schema = @Schema(type = "integer", format = "int64", minimum = "0"))
          @RequestParam(name = "task_id")
          String taskId) {
    long id = Params.taskId(taskId);
    TaskRecord task = store.find(id).orElseThrow(TaskResults::notFound);
    if (!task.hasCallback()) {
      throw new ApiException(HttpStatus.CONFLICT, "Task " + id + " has no callback_url");
    }
    if (task.unfinished()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Task " + id + " has not finished; its callback is sent when it completes or fails");
    }
    store.callbackPending(id);
    try {
      deliveries.redeliver(id);
    } catch (RuntimeException e) {
      log.error("Could not start the callback delivery of task {}", id, e);
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "The workflow service is unavailable; please try again later");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("task_id", id);
    data.put("callback_state", CallbackState.PENDING);
    data.put("message", "Callback redelivery started");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("task_id", id);
    return ApiResponse.ok(RequestInfo.of(request), params, data);
  }

  private static byte[] read(HttpServletRequest request) {
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_TEST_BODY + 1);
      if (body.length > MAX_TEST_BODY) {
        throw new ApiException(
            HttpStatus.CONTENT_TOO_LARGE,
            "The callback body is larger than " + MAX_TEST_BODY + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw ApiException.badRequest("The callback body could not be read: " + e.getMessage());
    }
  }
}
