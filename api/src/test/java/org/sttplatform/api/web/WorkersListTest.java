package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.WorkerReport;
import tools.jackson.databind.JsonNode;

class WorkersListTest extends WebTestBase {
  static final String PATH = "/api/workers";

  @Test
  void listsEveryWorkerInTheEnvelopeByIdWithModelsSlotsAndHeartbeat() {
    long now = System.currentTimeMillis();
    fleet.reports =
        List.of(
            new WorkerReport(
                "gpu-2-cuda1",
                TaskQueues.gpuHost("gpu-2-cuda1"),
                "cuda1",
                List.of("large-v3"),
                List.of("base", "large-v3"),
                2,
                2,
                now - 60_000),
            new WorkerReport(
                "gpu-1-cuda0",
                TaskQueues.gpuHost("gpu-1-cuda0"),
                "cuda0",
                List.of("base"),
                List.of("base"),
                2,
                1,
                now));

    Reply r = get(PATH);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.fieldNames(r.json())).containsExactly("code", "router", "params", "data");
    assertThat(r.json().get("code").asInt()).isEqualTo(200);
    assertThat(r.json().get("router").asString()).endsWith(PATH);
    JsonNode first = r.data().get(0);
    assertThat(r.fieldNames(first))
        .containsExactly("id", "queue", "device", "status", "models", "slots", "last_heartbeat");
    assertThat(first.get("id").asString()).isEqualTo("gpu-1-cuda0");
    assertThat(first.get("queue").asString()).isEqualTo("stt-gpu@gpu-1-cuda0");
    assertThat(first.get("device").asString()).isEqualTo("cuda0");
    assertThat(first.get("status").asString()).isEqualTo("online");
    assertThat(first.get("models").get("loaded").get(0).asString()).isEqualTo("base");
    assertThat(first.get("models").get("on_disk").size()).isEqualTo(1);
    assertThat(first.get("slots").get("total").asInt()).isEqualTo(2);
    assertThat(first.get("slots").get("busy").asInt()).isEqualTo(1);
    assertThat(first.get("slots").get("free").asInt()).isEqualTo(1);
    assertThat(Instant.parse(first.get("last_heartbeat").asString()).toEpochMilli()).isEqualTo(now);
    JsonNode second = r.data().get(1);
    assertThat(second.get("id").asString()).isEqualTo("gpu-2-cuda1");
    assertThat(second.get("status").asString()).isEqualTo("stale");
    assertThat(second.get("slots").get("free").asInt()).isZero();
    assertThat(second.get("models").get("on_disk").get(1).asString()).isEqualTo("large-v3");
  }

  @Test
  void noReportYetIsAnEmptyList() {
    Reply r = get(PATH);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().isArray()).isTrue();
    assertThat(r.data().size()).isZero();
  }

  @Test
  void aFleetTableThatDoesNotAnswerIs503InTheErrorEnvelope() {
    fleet.delayMillis = 3_000; // stt.health.timeout is 1s in the web tests
    long start = System.nanoTime();
    Reply r = get(PATH);
    assertError(r, 503, "fleet table could not be read");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_900);
  }
}
