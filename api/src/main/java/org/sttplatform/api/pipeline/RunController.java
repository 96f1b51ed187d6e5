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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.sttplatform.api.store.JdbcRunStore;
import org.sttplatform.api.store.RunRecord;
import org.sttplatform.api.web.ApiError;
import org.sttplatform.api.web.ApiException;
import org.sttplatform.api.web.ApiResponse;
import org.sttplatform.api.web.RequestInfo;

/** Pipeline runs: started from a stored definition, read, listed and cancelled. */
@RestController
@RequestMapping("/api/workflows")
@Tag(name = "Workflow-Runs", description = "流水线运行 / Pipeline runs")
public class RunController {
  static final int MAX_LIMIT = 200;
  static final int DEFAULT_LIMIT = 20;

  private final RunService runs;

  RunController(RunService runs) {
    this.runs = runs;
  }

  @PostMapping("/definitions/{id}/runs")
  @Operation(
      operationId = "start_run",
      summary = "启动运行 / Start a run",
      description =
          """
          以请求体 {"inputs": {...}, "version": n} 启动定义的一次运行 (version 可选, 默认最新版本)。\
          输入按定义的类型检查, 缺省值被填入。返回 202、run_id 和 Location: /api/workflows/runs/{run_id}。

          Starts a run of the definition with the body {"inputs": {...}, "version": n} (version \
          optional: the latest by default). Inputs are checked against the declared types and \
          defaults are applied. Answers 202 with run_id and Location: /api/workflows/runs/{run_id}.
          """,
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema =
                          @Schema(
                              type = "object",
                              example = "{\"inputs\": {\"url\": \"https://example.com/a.mp3\"}}"))))
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "202",
        description = "运行已启动 / Run started"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "请求体或输入无效 (detail.problems) / Bad body or inputs (detail.problems)",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "定义或版本不存在 / Unknown definition or version",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description = "工作流服务不可用, 运行已标记为失败 / Workflow service down; run marked failed",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ResponseEntity<ApiResponse<Map<String, Object>>> start(
      HttpServletRequest request,
      @Parameter(description = "定义 ID / Definition id", example = "transcribe") @PathVariable
          String id,
      @RequestBody(required = false) String body) {
    RunRecord run = runs.start(id, body);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/workflows/runs/" + run.runId()))
        .body(
            new ApiResponse<>(
                HttpStatus.ACCEPTED.value(),
                RequestInfo.of(request).router(),
                Map.of("id", id),
                RunView.created(run)));
  }

  @PostMapping(value = "/definitions/{id}/runs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      operationId = "start_run_with_files",
      summary = "上传文件并启动运行 / Start a run with uploaded files",
      description =
          """
          multipart/form-data: 字段 body 为与 JSON 请求相同的 {"inputs": {...}, "version": n} (可选),           每个文件部分是同名输入 (例如 transcribe_file 的 media), 其值为媒体引用。文件存放在运行的工作目录,           运行结束时删除; 与任务上传一样检查 (无音频 415, 超过 STT_MAX_AUDIO_SECONDS 413)。

          multipart/form-data: the field body is the same {"inputs": {...}, "version": n} as the           JSON request (optional); every file part is the input of its name (e.g. media of           transcribe_file), whose value becomes a media reference. Files live in the run's working           folder and are removed when the run ends; they are checked as task uploads are (415           without audio, 413 past STT_MAX_AUDIO_SECONDS).
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "202",
        description = "运行已启动 / Run started"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "请求体、输入或文件部分无效 / Bad body, inputs or file part",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "415",
        description = "文件不是含音频的媒体 / The file is not media with audio",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ResponseEntity<ApiResponse<Map<String, Object>>> startWithFiles(
      HttpServletRequest request,
      @Parameter(description = "定义 ID / Definition id", example = "transcribe_file") @PathVariable
          String id,
      @Parameter(description = "{\"inputs\": {...}, \"version\": n}")
          @RequestParam(required = false)
          String body,
      MultipartHttpServletRequest multipart) {
    Map<String, MultipartFile> files = new LinkedHashMap<>();
    multipart
        .getMultiFileMap()
        .forEach(
            (name, parts) -> {
              if (parts.size() > 1) {
                throw ApiException.badRequest(
                    "The file part '" + name + "' is given more than once");
              }
              files.put(name, parts.get(0));
            });
    RunRecord run = runs.start(id, body, files);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/workflows/runs/" + run.runId()))
        .body(
            new ApiResponse<>(
                HttpStatus.ACCEPTED.value(),
                RequestInfo.of(request).router(),
                Map.of("id", id),
                RunView.created(run)));
  }

  @GetMapping("/runs/{runId}")
  @Operation(
      operationId = "get_run",
      summary = "获取运行 / Get a run",
      description =
          """
          返回运行的状态、定义 ID 与版本、输入、输出、错误、时间、进度, 以及每个步骤的状态、开始与结束时间、\
          输出和错误 (来自工作流的 state 查询)。工作流已不存在时 (嵌入式服务器重启后) 只返回记录中的\
          最终状态, steps 为 null。

          Returns the run's status, definition id and version, inputs, outputs, error, times, \
          progress and each step's status, start and end time, output and error (from the \
          workflow's state query). When the workflow is gone (after a restart of the embedded \
          server) the stored final status is returned and steps is null.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "运行 / The run"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "运行不存在 / Unknown run",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<Map<String, Object>> get(
      HttpServletRequest request,
      @Parameter(description = "运行 ID / Run id") @PathVariable String runId) {
    return new ApiResponse<>(
        200, RequestInfo.of(request).router(), Map.of("run_id", runId), runs.get(runId));
  }

  @GetMapping("/runs")
  @Operation(
      operationId = "list_runs",
      summary = "列出运行 / List runs",
      description =
          """
          分页列出运行 (来自数据库), 按创建时间及 ID 升序。可按 definition_id 和 status \
          (running, completed, failed, cancelled) 过滤; limit 默认 20, 最大 200。

          Lists runs (from the database), paged, ordered by creation time then id. Filters: \
          definition_id and status (running, completed, failed, cancelled); limit defaults to \
          20, at most 200.
          """)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "200",
      description = "一页运行 / A page of runs")
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "400",
      description = "参数错误 (status, limit, offset) / Invalid status, limit or offset",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiError.class),
              examples =
                  @ExampleObject(
                      name = "bad_status",
                      value =
                          """
                          {"detail": {"code": 400, "message": "Invalid value 'done' for parameter \
                          'status'; allowed: running, completed, failed, cancelled", "time": \
                          "2026-11-24T18:00:00.123Z", "router": \
                          "http://localhost:8080/api/workflows/runs?status=done", "params": \
                          {"status": "done"}}}
                          """)))
  public ApiResponse<Map<String, Object>> list(
      HttpServletRequest request,
      @Parameter(description = "定义 ID / Definition id")
          @RequestParam(name = "definition_id", required = false)
          String definitionId,
      @Parameter(description = "状态 / Status") @RequestParam(name = "status", required = false)
          String status,
      @Parameter(description = "每页数量 (1-200) / Page size (1-200)")
          @RequestParam(name = "limit", required = false)
          String limit,
      @Parameter(description = "偏移量 / Offset") @RequestParam(name = "offset", required = false)
          String offset) {
    String definition = QueryParams.text(definitionId);
    String state = QueryParams.text(status);
    if (state != null && !RunRecord.STATUSES.contains(state)) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter 'status'; allowed: %s"
              .formatted(state, String.join(", ", RunRecord.STATUSES)));
    }
    int size = QueryParams.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int from = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
    JdbcRunStore.Page page = runs.list(definition, state, size, from);
    List<Map<String, Object>> items =
        page.runs().stream().map(r -> RunView.of(r, null, Map.of())).toList();
    boolean hasMore = (long) from + size < page.totalCount();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("runs", items);
    data.put("total_count", page.totalCount());
    data.put("has_more", hasMore);
    data.put("next_offset", hasMore ? from + size : null);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("definition_id", definition);
    params.put("status", state);
    params.put("limit", size);
    params.put("offset", from);
    return new ApiResponse<>(200, RequestInfo.of(request).router(), params, data);
  }

  @DeleteMapping("/runs/{runId}")
  @Operation(
      operationId = "cancel_run",
      summary = "取消运行 / Cancel a run",
      description =
          """
          取消正在进行的运行: 工作流收到取消请求 (正在运行的步骤停止, 工作目录被删除), 记录状态为 \
          cancelled。记录保留。已结束的运行返回 409。

          Cancels a running run: its workflow is asked to cancel (running steps stop, the \
          working folder is removed) and the row records cancelled. The row is kept. A run that \
          has already ended is a 409.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "已取消 / Cancelled"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "运行不存在 / Unknown run",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "409",
        description = "运行已结束 / The run has already ended",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description = "工作流服务不可用, 运行未改变 / Workflow service unavailable; nothing changed",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<Map<String, Object>> cancel(
      HttpServletRequest request,
      @Parameter(description = "运行 ID / Run id") @PathVariable String runId) {
    RunRecord run = runs.cancel(runId);
    return new ApiResponse<>(
        200,
        RequestInfo.of(request).router(),
        Map.of("run_id", runId),
        RunView.of(run, null, Map.of()));
  }
}
