package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.api.workflow.FleetDirectory;
import org.sttplatform.workflows.fleet.WorkerReport;

/** {@code GET /api/workers}: the transcription fleet, from the workers' last reports. */
@RestController
@RequestMapping("/api/workers")
@Tag(name = "Workers", description = "转写工作节点 / Transcription workers")
public class WorkersController {
  private static final Logger log = LoggerFactory.getLogger(WorkersController.class);

  private final FleetDirectory fleet;
  private final Duration timeout;
  private final Duration staleAfter;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fleet-query");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param timeout how long the fleet table may take to answer ({@code stt.health.timeout}, default
   *     3s)
   * @param staleAfter a worker silent longer than this is shown {@code stale} ({@code
   *     stt.fleet.stale-after}, default 15s: five default heartbeats)
   */
  public WorkersController(
      FleetDirectory fleet,
      @Value("${stt.health.timeout:3s}") Duration timeout,
      @Value("${stt.fleet.stale-after:15s}") Duration staleAfter) {
    this.fleet = fleet;
    this.timeout = timeout;
    this.staleAfter = staleAfter;
  }

  @PreDestroy
  void shutdown() {
    executor.shutdownNow();
  }

  @GetMapping
  @Operation(
      operationId = "list_workers",
      summary = "列出转写工作节点 / List the transcription workers",
      description =
          """
          列出每个转写工作节点的最新心跳报告: 节点 ID、设备、已加载与磁盘上的模型、忙碌与空闲槽位、\
          最后心跳时间。超过 stt.fleet.stale-after 未报告的节点状态为 stale。

          Lists every transcription worker's latest report: id, device, models loaded and on \
          disk, busy and free slots, last heartbeat. A worker silent for longer than \
          stt.fleet.stale-after is "stale".
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "工作节点列表 / The workers"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "403",
        description =
            "来自 STT_CORS_ORIGINS 以外来源的跨域请求 / A cross-origin request from an origin not in"
                + " STT_CORS_ORIGINS",
        content =
            @Content(
                mediaType = "application/json",
                schema = @Schema(implementation = ApiError.class),
                examples = {
                  @io.swagger.v3.oas.annotations.media.ExampleObject(
                      name = "cross_origin",
                      value = EndpointExamples.WORKERS_403_CROSS_ORIGIN)
                })),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description = "工作流服务不可用 / Workflow service unavailable",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<List<WorkerView>> list(HttpServletRequest request) {
    long now = System.currentTimeMillis();
    List<WorkerView> workers =
        read().stream()
            .sorted(Comparator.comparing(WorkerReport::workerId))
            .map(r -> WorkerView.of(r, now, staleAfter))
            .toList();
    return ApiResponse.ok(RequestInfo.of(request), Map.of(), workers);
  }

  private List<WorkerReport> read() {
    Future<List<WorkerReport>> answer = executor.submit(fleet::workers);
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    } catch (TimeoutException | ExecutionException e) {
      answer.cancel(true);
      log.warn("The fleet table did not answer: {}", e.toString());
      throw unavailable();
    }
  }

  private static ApiException unavailable() {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "The fleet table could not be read: the workflow service (or the CPU workers that host the"
            + " table) did not answer in time");
  }
}
