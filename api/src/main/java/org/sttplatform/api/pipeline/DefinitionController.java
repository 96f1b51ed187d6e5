package org.sttplatform.api.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.api.store.DefinitionRecord;
import org.sttplatform.api.store.JdbcDefinitionStore;
import org.sttplatform.api.web.ApiError;
import org.sttplatform.api.web.ApiResponse;
import org.sttplatform.api.web.RequestInfo;
import org.sttplatform.definitions.Validation;

/** Stored pipeline definitions under {@code /api/workflows/definitions}. */
@RestController
@RequestMapping("/api/workflows/definitions")
@Tag(name = "Workflow-Definitions", description = "流水线定义 / Pipeline definitions")
public class DefinitionController {
  static final String PATH = "/api/workflows/definitions";

  private final DefinitionService definitions;

  DefinitionController(DefinitionService definitions) {
    this.definitions = definitions;
  }

  @GetMapping
  @Operation(
      operationId = "list_definitions",
      summary = "列出定义 / List definitions",
      description =
          """
          列出每个已存储定义的最新版本 (id, version, description, trigger_type, created_at), 按 id \
          排序。内置定义 (transcribe, url_batch, keywords) 在启动时以版本 1 存入 (若不存在)。

          Lists the latest version of every stored definition, ordered by id. The shipped \
          definitions are stored as version 1 at start if absent.
          """)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "200",
      description = "每个定义的最新版本 / The latest version of every definition")
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "400",
      description =
          "请求格式错误, 服务器在处理前拒绝 (例如无效的 Content-Length) / Malformed request refused"
              + " by the server before it is handled (e.g. an invalid Content-Length)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiError.class),
              examples =
                  @ExampleObject(
                      name = "malformed",
                      value =
                          """
                          {"detail": {"code": 400, "message": "The Content-Length header is \
                          invalid; expected a number of bytes", "time": "2026-11-24T18:00:00.123Z", \
                          "router": "http://localhost:8080/api/workflows/definitions", "params": {}}}
                          """)))
  public ApiResponse<Map<String, Object>> list(HttpServletRequest request) {
    List<Map<String, Object>> items =
        definitions.latestOfEach().stream().map(d -> DefinitionView.of(d, false)).toList();
    return new ApiResponse<>(
        200, RequestInfo.of(request).router(), Map.of(), Map.of("definitions", items));
  }

  @GetMapping("/{id}")
  @Operation(
      operationId = "get_definition",
      summary = "获取定义 / Get a definition",
      description =
          """
          返回定义的最新版本, 或 version 指定的版本, 包括定义本身 (definition)。

          Returns the latest version of a definition, or the given version, with the definition \
          itself.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "定义 / The definition"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "定义或版本不存在 / Unknown definition or version",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<Map<String, Object>> get(
      HttpServletRequest request,
      @Parameter(description = "定义 ID / Definition id", example = "transcribe") @PathVariable
          String id,
      @Parameter(description = "版本 (默认最新) / Version (default: latest)")
          @RequestParam(name = "version", required = false)
          String version) {
    Integer v = QueryParams.integer("version", version, null, 1, Integer.MAX_VALUE);
    DefinitionRecord d = definitions.find(id, v);
    return new ApiResponse<>(
        200, RequestInfo.of(request).router(), params(id, v), DefinitionView.of(d, true));
  }

  @PostMapping("/validate")
  @Operation(
      operationId = "validate_definition",
      summary = "校验定义 / Validate a definition",
      description =
          """
          校验请求体中的定义 JSON, 一次列出所有问题 (path 为 $ 路径)。总是返回 200, 包括 JSON \
          格式错误或请求体不是对象的情况。不存储任何内容。

          Validates the definition JSON in the body and lists every problem ($-paths). Always \
          200, also for malformed JSON or a body that is not an object. Stores nothing.
          """,
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema =
                          @Schema(type = "object", description = "流水线定义 / Pipeline definition"))))
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "200",
      description = "校验结果 / The problems found, if any")
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "400",
      description =
          "请求格式错误, 服务器在处理前拒绝 (例如无效的 Content-Length) / Malformed request refused"
              + " by the server before it is handled (e.g. an invalid Content-Length)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiError.class),
              examples =
                  @ExampleObject(
                      name = "malformed",
                      value =
                          """
                          {"detail": {"code": 400, "message": "The Content-Length header is \
                          invalid; expected a number of bytes", "time": "2026-11-24T18:00:00.123Z", \
                          "router": "http://localhost:8080/api/workflows/definitions/validate", "params": {}}}
                          """)))
  public ApiResponse<Map<String, Object>> validate(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    Validation v = definitions.validate(body);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("valid", v.valid());
    data.put("problems", PipelineJson.problems(v.problems()));
    return new ApiResponse<>(200, RequestInfo.of(request).router(), Map.of(), data);
  }

  @PostMapping
  @Operation(
      operationId = "store_definition",
      summary = "存储定义 / Store a definition",
      description =
          """
          校验并存储定义, 作为其 id 的下一个版本 (新 id 为版本 1, 返回 201 和 Location)。请求体中的 \
          version 被忽略, 版本由服务分配。与最新版本内容相同时不新增版本, 返回该版本 (200)。\
          无效定义返回 400 并列出所有问题, 不存储任何内容。

          Validates and stores the definition as the next version of its id (version 1 for a \
          new id; 201 with Location). A version in the body is ignored: the service assigns it. \
          The same content as the latest version stores nothing and returns that version (200). \
          An invalid definition is a 400 listing every problem; nothing is stored.
          """,
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema =
                          @Schema(type = "object", description = "流水线定义 / Pipeline definition"))))
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "与最新版本相同 / Same as the latest version"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "201",
        description = "新版本已存储 / New version stored"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "定义无效 (detail.problems) / Invalid definition (detail.problems)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ResponseEntity<ApiResponse<Map<String, Object>>> store(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    JdbcDefinitionStore.Added added = definitions.store(body);
    return stored(request, added, Map.of());
  }

  /** 201 with Location for a new version, else 200; {@code extra} is added to the data. */
  static ResponseEntity<ApiResponse<Map<String, Object>>> stored(
      HttpServletRequest request, JdbcDefinitionStore.Added added, Map<String, Object> extra) {
    DefinitionRecord d = added.definition();
    Map<String, Object> data = DefinitionView.of(d, false);
    data.put("created", added.created());
    data.putAll(extra);
    HttpStatus status = added.created() ? HttpStatus.CREATED : HttpStatus.OK;
    ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
    if (added.created()) {
      response.location(URI.create(PATH + "/" + d.id() + "?version=" + d.version()));
    }
    return response.body(
        new ApiResponse<>(status.value(), RequestInfo.of(request).router(), Map.of(), data));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "delete_definition",
      summary = "删除定义 / Delete a definition",
      description =
          """
          删除定义的所有版本。已启动的运行继续执行 (定义是其输入的一部分)。

          Deletes every version of a definition. Runs already started keep running: the \
          definition is part of their input.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "已删除 / Deleted"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "定义不存在 / Unknown definition",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<Map<String, Object>> delete(
      HttpServletRequest request,
      @Parameter(description = "定义 ID / Definition id") @PathVariable String id) {
    definitions.delete(id);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("message", "Definition deleted successfully");
    return new ApiResponse<>(200, RequestInfo.of(request).router(), params(id, null), data);
  }

  private static Map<String, Object> params(String id, Integer version) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", id);
    if (version != null) {
      p.put("version", version);
    }
    return p;
  }
}
