package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.api.workflow.TaskWorkflows;

/**
 * {@code GET /api/health/check}: 200 {@code ok} when everything works, 200 {@code degraded} when
 * only the model is missing (tasks will fail with the model's message), 503 {@code down} when the
 * database or Temporal is unreachable.
 */
@RestController
@RequestMapping("/api/health")
@Tag(name = "Health-Check", description = "服务健康检查 / Service health check")
public class HealthController {
  private static final Logger log = LoggerFactory.getLogger(HealthController.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final DataSource dataSource;
  private final TaskWorkflows workflows;
  private final ModelReadiness model;
  private final Duration timeout;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "health-check-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  /**
   * @param timeout how long each check may take before it counts as down ({@code
   *     stt.health.timeout}, default 3s); checks run in parallel
   */
  public HealthController(
      DataSource dataSource,
      TaskWorkflows workflows,
      ModelReadiness model,
      @Value("${stt.health.timeout:3s}") Duration timeout) {
    this.dataSource = dataSource;
    this.workflows = workflows;
    this.model = model;
    this.timeout = timeout;
  }

  @PreDestroy
  void shutdown() {
    executor.shutdownNow();
  }

  @GetMapping("/check")
  @Operation(
      operationId = "health_check",
      summary = "健康检查 / Health check",
      description =
          """
          检查数据库、Temporal 和 Whisper 模型。全部正常返回 200 ok; 仅模型不可用返回 200 degraded\
          (服务可用, 但任务会因模型缺失而失败); 数据库或 Temporal 不可用返回 503 down。

          Checks the database, Temporal and the Whisper model. 200 "ok" when all work; 200 \
          "degraded" when only the model is missing (the service runs, but tasks fail with the \
          model's message); 503 "down" when the database or Temporal is unreachable.
          """)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "200",
      description =
          "服务可用 (ok), 或仅模型缺失 (degraded) / Service up (ok), or only the model missing"
              + " (degraded)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = Health.class),
              examples = {
                @ExampleObject(name = "ok", value = ApiExamples.HEALTH_CHECK_200_OK),
                @ExampleObject(name = "degraded", value = ApiExamples.HEALTH_CHECK_200_DEGRADED)
              }))
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "400",
      description =
          "请求格式错误, 服务器在检查前拒绝 (例如无效的 Content-Length) / Malformed request refused"
              + " by the server before any check (e.g. an invalid Content-Length)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = ApiError.class),
              examples =
                  @ExampleObject(
                      name = "malformed",
                      value = ApiExamples.HEALTH_CHECK_400_MALFORMED)))
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "503",
      description = "数据库或 Temporal 不可用 / Database or Temporal unreachable",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = Health.class),
              examples = @ExampleObject(name = "down", value = ApiExamples.HEALTH_CHECK_503_DOWN)))
  public ResponseEntity<Health> check() {
    Future<Check> db = executor.submit(this::database);
    Future<Check> tp = executor.submit(this::temporal);
    Future<Check> md = executor.submit(this::modelCheck);
    long deadline = System.nanoTime() + timeout.toNanos();
    Check database = await(db, deadline, "down", "The database did not answer in time");
    Check temporal = await(tp, deadline, "down", "The Temporal service did not answer in time");
    Check modelCheck = await(md, deadline, "missing", "The model status did not arrive in time");
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put("database", database);
    checks.put("temporal", temporal);
    checks.put("model", modelCheck);
    boolean up = database.ok() && temporal.ok();
    String status = !up ? "down" : modelCheck.ok() ? "ok" : "degraded";
    return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(new Health(status, checks));
  }

  private static Check await(Future<Check> check, long deadline, String status, String message) {
    try {
      return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      check.cancel(true);
      log.warn("Health check: {}", message);
      return new Check(status, message, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Check(status, message, null);
    } catch (ExecutionException e) {
      log.warn("Health check failed", e.getCause());
      return new Check(status, message, null);
    }
  }

  private Check database() {
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
      try (ResultSet rs = s.executeQuery("select 1")) {
        rs.next();
      }
      return new Check("ok", null, (System.nanoTime() - start) / 1_000_000);
    } catch (Exception e) {
      log.warn("Health check: database unreachable", e);
      return new Check("down", "The database is unreachable", null);
    }
  }

  private Check temporal() {
    long start = System.nanoTime();
    try {
      if (workflows.reachable()) {
        return new Check("ok", null, (System.nanoTime() - start) / 1_000_000);
      }
    } catch (RuntimeException e) {
      log.warn("Health check: Temporal unreachable", e);
    }
    return new Check("down", "The Temporal service is unreachable", null);
  }

  private Check modelCheck() {
    try {
      ModelReadiness.Status s = model.status();
      return new Check(s.ready() ? "ok" : "missing", s.message(), null);
    } catch (RuntimeException e) {
      log.warn("Health check: model status unavailable", e);
      return new Check("missing", "The model status could not be determined", null);
    }
  }

  /**
   * @param status ok, degraded or down
   * @param checks database, temporal and model
   */
  @JsonPropertyOrder({"status", "checks"})
  @Schema(description = "健康状态 / Health")
  public record Health(
      @Schema(
              description = "总体状态: ok, degraded, down / Overall status: ok, degraded, down",
              example = "ok")
          @JsonProperty("status")
          String status,
      @Schema(
              description =
                  "各项检查: database, temporal, model / Individual checks: database, temporal,"
                      + " model")
          @JsonProperty("checks")
          Map<String, Check> checks) {}

  /**
   * @param status ok, down (database, temporal) or missing (model)
   * @param message explanation when not ok, or the model's message
   * @param latencyMs how long the check took, when it succeeded
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"status", "message", "latency_ms"})
  @Schema(description = "单项检查 / One check")
  public record Check(
      @Schema(description = "状态: ok, down, missing / Status: ok, down, missing")
          @JsonProperty("status")
          String status,
      @Schema(description = "说明 / Explanation") @JsonProperty("message") String message,
      @Schema(description = "耗时 (毫秒) / Latency in milliseconds") @JsonProperty("latency_ms")
          Long latencyMs) {
    boolean ok() {
      return "ok".equals(status);
    }
  }
}
