package org.sttplatform.api.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.api.store.DefinitionRecord;
import org.sttplatform.api.store.JdbcDefinitionStore;
import org.sttplatform.api.web.ApiError;
import org.sttplatform.api.web.ApiResponse;
import org.sttplatform.definitions.OriginalMapping;
import org.sttplatform.definitions.OriginalWorkflowMapper;

/**
 * The original service's {@code POST /api/workflow/create_work_flow} (a stub there): its schema is
 * mapped to a definition and stored like {@code POST /api/workflows/definitions}.
 */
@RestController
@Tag(name = "Workflow", description = "原服务的工作流接口 / The original service's workflow endpoint")
public class OriginalWorkflowController {
  static final String TRIGGER_NOTE =
      "TRIGGER_TYPE is recorded with the definition; SCHEDULED and EVENT triggers are acted on once"
          + " schedules and triggers exist. Start runs with POST /api/workflows/definitions/%s/runs."
          + " CALLBACK_URL is returned but not used yet.";

  private final DefinitionService definitions;

  OriginalWorkflowController(DefinitionService definitions) {
    this.definitions = definitions;
  }

  @PostMapping("/api/workflow/create_work_flow")
  @Operation(
      operationId = "create_work_flow",
      summary = "创建工作流 (原接口) / Create a workflow (original endpoint)",
      description =
          """
          接受原服务的工作流格式 (WORKFLOW_NAME, TRIGGER_TYPE, tasks[] ...), 转换为流水线定义并存储 \
          (与 POST /api/workflows/definitions 相同: 新版本返回 201, 内容相同返回 200)。无法转换或\
          无效时返回 400 并列出所有问题。TRIGGER_TYPE 随定义记录, 定时和事件触发将在支持后生效。

          Accepts the original service's workflow schema (WORKFLOW_NAME, TRIGGER_TYPE, tasks[] \
          ...), maps it to a pipeline definition and stores it (as POST \
          /api/workflows/definitions does: 201 for a new version, 200 for the same content). \
          What cannot be mapped, or an invalid result, is a 400 listing every problem. \
          TRIGGER_TYPE is recorded with the definition; scheduled and event triggers take effect \
          once they are supported.
          """,
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(type = "object", description = "WorkflowSchema"))))
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "201",
        description = "已存储 / Stored"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "无法转换或无效 (detail.problems) / Not mappable or invalid (detail.problems)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ResponseEntity<ApiResponse<Map<String, Object>>> create(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    OriginalMapping mapping = OriginalWorkflowMapper.map(body);
    if (!mapping.problems().isEmpty() || mapping.definition() == null) {
      throw ProblemsException.of(
          HttpStatus.BAD_REQUEST,
          "The workflow cannot be mapped to a pipeline definition",
          mapping.problems());
    }
    JdbcDefinitionStore.Added added =
        definitions.store(
            mapping.definition(),
            mapping.triggerType() == null ? DefinitionRecord.MANUAL : mapping.triggerType());
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("callback_url", mapping.callbackUrl());
    extra.put(
        "message",
        (added.created() ? "Workflow stored as a pipeline definition. " : "Workflow unchanged. ")
            + TRIGGER_NOTE.formatted(added.definition().id()));
    return DefinitionController.stored(request, added, extra);
  }
}
