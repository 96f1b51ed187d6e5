package org.sttplatform.api.openai;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.api.web.ApiError;

/** {@code GET /v1/models}: OpenAI's model list. */
@RestController
@RequestMapping(path = "/v1/models", produces = "application/json")
@Tag(name = "OpenAI", description = "OpenAI 兼容接口 / OpenAI-compatible API")
class ModelsController {
  private final ServedModelList models;

  ModelsController(ServedModelList models) {
    this.models = models;
  }

  @GetMapping
  @Operation(
      operationId = "openai_list_models",
      summary = "列出模型 / List models",
      description =
          """
          列出可用的语音识别模型: whisper-1 (即 worker 的默认模型)、默认模型, 以及 STT_MODELS_DIR \
          中的模型文件。格式同 OpenAI 的 GET /v1/models。

          Lists the models requests may name: whisper-1 (the workers' default model), the default \
          model itself and the model files in STT_MODELS_DIR, in OpenAI's GET /v1/models shape.
          """)
  @ApiResponses({
    @ApiResponse(responseCode = "200", description = "模型列表 / The models"),
    // Refused by the CORS filter before any OpenAI code runs: the seed API's error envelope.
    @ApiResponse(
        responseCode = "403",
        description =
            "来自 STT_CORS_ORIGINS 以外来源的跨域请求 / A cross-origin request from an origin not in"
                + " STT_CORS_ORIGINS",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  Map<String, Object> list() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "list");
    body.put("data", models.list().stream().map(ServedModelList.Entry::json).toList());
    return body;
  }

  @GetMapping("/{model}")
  @Operation(
      operationId = "openai_retrieve_model",
      summary = "获取模型 / Retrieve a model",
      description = "一个已列出的模型 / One listed model; 404 model_not_found otherwise")
  @ApiResponses({
    @ApiResponse(responseCode = "200", description = "模型 / The model"),
    @ApiResponse(
        responseCode = "404",
        description = "模型不存在 / Unknown model",
        content = @Content(schema = @Schema(implementation = OpenAiError.class)))
  })
  Map<String, Object> retrieve(
      @Parameter(description = "模型名 / Model name", example = "whisper-1") @PathVariable
          String model) {
    return models
        .find(model)
        .map(ServedModelList.Entry::json)
        .orElseThrow(
            () ->
                new OpenAiException(
                    HttpStatus.NOT_FOUND,
                    "The model '%s' does not exist".formatted(model),
                    "model",
                    "model_not_found"));
  }
}
