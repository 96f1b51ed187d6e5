package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthCheckTest extends WebTestBase {
  static final String PATH = "/api/health/check";

  @Test
  void allUpIsOk() {
    Reply r = get(PATH);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asString()).isEqualTo("ok");
    assertThat(r.fieldNames(r.json().get("checks")))
        .containsExactly("database", "temporal", "model");
    assertThat(r.json().get("checks").get("database").get("status").asString()).isEqualTo("ok");
    assertThat(r.json().get("checks").get("temporal").get("status").asString()).isEqualTo("ok");
    assertThat(r.json().get("checks").get("model").get("message").asString())
        .isEqualTo("Model 'base' is ready");
  }

  @Test
  void missingModelIsDegradedButStill200() {
    model.status =
        new ModelReadiness.Status(false, "Model 'base' is not downloaded (models/ggml-base.bin)");
    Reply r = get(PATH);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asString()).isEqualTo("degraded");
    assertThat(r.json().get("checks").get("model").get("status").asString()).isEqualTo("missing");
    assertThat(r.json().get("checks").get("model").get("message").asString())
        .contains("not downloaded");
  }

  @Test
  void databaseDownIs503() {
    database.down = true;
    Reply r = get(PATH);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().get("status").asString()).isEqualTo("down");
    assertThat(r.json().get("checks").get("database").get("status").asString()).isEqualTo("down");
    assertThat(r.json().get("checks").get("temporal").get("status").asString()).isEqualTo("ok");
  }

  @Test
  void temporalDownIs503() {
    workflows.reachable = false;
    Reply r = get(PATH);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().get("status").asString()).isEqualTo("down");
    assertThat(r.json().get("checks").get("temporal").get("status").asString()).isEqualTo("down");
  }

  @Test
  void hangingCheckCountsAsDownWithinTheTimeout() {
    workflows.reachableDelayMillis = 5_000;
    long start = System.nanoTime();
    Reply r = get(PATH);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().get("checks").get("temporal").get("message").asString())
        .contains("did not answer in time");
    assertThat(r.json().get("checks").get("database").get("status").asString()).isEqualTo("ok");
    assertThat(millis).isLessThan(3_000);
  }
}
