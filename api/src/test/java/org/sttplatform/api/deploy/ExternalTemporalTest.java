package org.sttplatform.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.temporal.EmbeddedTemporalServer;
import org.sttplatform.api.temporal.TemporalConnection;
import org.sttplatform.api.testing.Media;
import org.sttplatform.api.testing.ServiceClient;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.workflows.WorkflowIds;

/**
 * {@code stt.temporal.address} set: the service uses that frontend and starts no Temporal server of
 * its own. A Temporal server started by the test stands in for the cluster; the workers stay in
 * process.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ExternalTemporalTest {
  private static final String MODEL = "test-micro";

  @TempDir static Path dir;
  static EmbeddedTemporalServer cluster;
  static boolean clusterClosedByContext;
  static Path speech;

  @Value("${local.server.port}")
  int port;

  @Autowired TemporalConnection temporal;

  /**
   * The cluster goes down with the service's context (which {@code @DirtiesContext} closes after
   * the class), after the service's workers have stopped: disposable beans are destroyed after the
   * lifecycle beans stop.
   */
  @Autowired
  void closeClusterAfterTheService(ConfigurableApplicationContext context) {
    ((DefaultSingletonBeanRegistry) context.getBeanFactory())
        .registerDisposableBean("externalTemporalCluster", cluster::close);
    clusterClosedByContext = true;
  }

  /** If the context never started, nothing else closes the cluster. */
  @AfterAll
  static void closeClusterIfTheServiceNeverStarted() {
    if (cluster != null && !clusterClosedByContext) {
      cluster.close();
    }
  }

  @DynamicPropertySource
  static void service(DynamicPropertyRegistry registry) throws Exception {
    cluster = EmbeddedTemporalServer.start(0);
    Path models = dir.resolve("models");
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, models.resolve("ggml-" + MODEL + ".bin"), 7);
    speech = Media.speech(dir.resolve("speech.wav"), Media.SPEECH);
    registry.add("stt.data-dir", () -> dir.resolve("data").toString());
    registry.add("stt.temporal.address", cluster::target);
    // Were an embedded server started anyway, it would fail on this port, taken by the "cluster".
    registry.add("stt.temporal.embedded-port", () -> String.valueOf(cluster.port()));
    registry.add("stt.worker-env[STT_MODELS_DIR]", models::toString);
    registry.add("stt.worker-env[STT_MODEL]", () -> MODEL);
    registry.add("stt.worker-env[STT_MODEL_DOWNLOAD]", () -> "false");
    registry.add("stt.worker-env[STT_WHISPER_THREADS]", () -> "1");
  }

  @Test
  void usesTheConfiguredFrontendWithoutStartingAnEmbeddedServer() throws Exception {
    assertThat(temporal.embedded()).isFalse();
    assertThat(temporal.target()).isEqualTo(cluster.target());

    ServiceClient service = new ServiceClient(port);
    JsonNode health = service.getJson("/api/health/check");
    assertThat(health.path("checks").path("temporal").path("status").asText())
        .as(health.toString())
        .isEqualTo("ok");
    assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("ok");

    long id = service.upload(speech, "").path("id").asLong();
    JsonNode task = service.awaitFinished(id, Duration.ofSeconds(60), () -> "");
    assertThat(task.path("status").asText())
        .as(task.path("error_message").asText())
        .isEqualTo("completed");
    assertThat(task.path("result").path("segments").size()).isPositive();
    assertThat(task.path("result").path("model").asText()).isEqualTo(MODEL);

    // The workflow ran on the external frontend. The row is completed before the workflow's last
    // step (removing the working files), so the workflow may still be running for a moment.
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(cluster.target()).build());
    try {
      DescribeWorkflowExecutionRequest describe =
          DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace("default")
              .setExecution(
                  WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.transcription(id)))
              .build();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          stubs
                              .blockingStub()
                              .describeWorkflowExecution(describe)
                              .getWorkflowExecutionInfo()
                              .getStatus())
                      .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED));
    } finally {
      stubs.shutdownNow();
    }
  }
}
