package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Run requests that are wrong in every way, versions, inputs and paging, on the real application.
 */
class RunEndpointsTest extends PipelineAppTestBase {
  private static final String DEFINITION = "echo_runs";
  private static final String RUNS = "/api/workflows/definitions/" + DEFINITION + "/runs";

  @BeforeEach
  void storeDefinition() {
    if (get("/api/workflows/definitions/" + DEFINITION).status() == 200) {
      return;
    }
    // Versions 1 and 2 differ in their default, so a run shows which one it ran.
    post("/api/workflows/definitions", DefinitionEndpointsTest.echoDefinition(DEFINITION, "one"));
    post(
        "/api/workflows/definitions",
        DefinitionEndpointsTest.echoDefinition(DEFINITION, "two")
            .replace("\"default\": 2", "\"default\": 5"));
  }

  @Test
  void aRunUsesTheLatestVersionOrTheOneAskedForWithDefaultsApplied() {
    JsonNode latest = awaitEnded(startRun(DEFINITION, "{}"));
    assertThat(latest.path("status").asText()).isEqualTo("completed");
    assertThat(latest.path("definition_version").asInt()).isEqualTo(2);
    assertThat(latest.path("inputs").path("n").asInt()).isEqualTo(5);
    assertThat(latest.path("outputs").path("n").asInt()).isEqualTo(5);

    JsonNode first = awaitEnded(startRun(DEFINITION, "{\"version\": 1}"));
    assertThat(first.path("definition_version").asInt()).isEqualTo(1);
    assertThat(first.path("outputs").path("n").asInt()).isEqualTo(2);

    JsonNode given = awaitEnded(startRun(DEFINITION, "{\"inputs\": {\"n\": 7}}"));
    assertThat(given.path("outputs").path("n").asInt()).isEqualTo(7);
    assertThat(given.path("steps").path("twice").path("status").asText()).isEqualTo("completed");
  }

  @Test
  void theStartAnswerIs202WithTheRunAndItsLocation() {
    Reply r = post(RUNS, "");

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("code").asInt()).isEqualTo(202);
    String runId = r.data().path("run_id").asText();
    assertThat(runId).matches("[A-Za-z0-9_-]{16,64}");
    assertThat(r.data().path("status").asText()).isEqualTo("running");
    assertThat(r.data().path("definition_id").asText()).isEqualTo(DEFINITION);
    assertThat(r.data().path("definition_version").asInt()).isEqualTo(2);
    assertThat(r.header("Location")).isEqualTo("/api/workflows/runs/" + runId);
  }

  @Test
  void inputsThatDoNotMatchAre400ListingEveryProblemAndStoreNoRun() {
    long before = count();

    Reply r = post(RUNS, "{\"inputs\": {\"n\": \"seven\", \"extra\": true}}");

    assertError(r, 400, "The inputs do not match the definition (2 problems)");
    assertThat(r.detail().path("problems").findValuesAsText("path"))
        .containsExactlyInAnyOrder("$.inputs.n", "$.inputs.extra");
    assertError(
        post("/api/workflows/definitions/transcribe/runs", "{\"inputs\": {}}"),
        400,
        "$.inputs.url");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void malformedBodiesAre400() {
    assertError(post(RUNS, "{\"inputs\": "), 400, "not valid JSON");
    assertError(post(RUNS, "[]"), 400, "must be a JSON object");
    assertError(post(RUNS, "{\"input\": {}}"), 400, "Unknown field 'input'");
    assertError(post(RUNS, "{\"inputs\": [1]}"), 400, "'inputs' field must be a JSON object");
    assertError(post(RUNS, "{\"version\": \"1\"}"), 400, "'version' field must be an integer");
    assertError(post(RUNS, "{\"version\": 0}"), 400, "'version' field must be an integer");
  }

  @Test
  void unknownDefinitionsVersionsAndRunsAre404() {
    assertError(post("/api/workflows/definitions/nope/runs", "{}"), 404, "'nope' not found");
    assertError(post(RUNS, "{\"version\": 9}"), 404, "has no version 9");
    assertError(get("/api/workflows/runs/unknownrun"), 404, "Run unknownrun not found");
    assertError(delete("/api/workflows/runs/unknownrun"), 404, "Run unknownrun not found");
  }

  @Test
  void runsAreListedInCreationOrderPagedAndFiltered() {
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      started.add(startRun(DEFINITION, "{\"inputs\": {\"n\": " + i + "}}"));
    }
    started.forEach(this::awaitEnded);
    String filter = "/api/workflows/runs?definition_id=" + DEFINITION;
    long total = count();

    Reply all = get(filter + "&limit=200");
    List<String> ids = all.data().path("runs").findValuesAsText("run_id");
    assertThat(ids.subList(ids.size() - 3, ids.size())).containsExactlyElementsOf(started);
    assertThat(all.data().path("has_more").asBoolean()).isFalse();

    Reply page = get(filter + "&limit=2&offset=" + (total - 3));
    assertThat(page.data().path("runs").findValuesAsText("run_id"))
        .containsExactlyElementsOf(started.subList(0, 2));
    assertThat(page.data().path("total_count").asLong()).isEqualTo(total);
    assertThat(page.data().path("has_more").asBoolean()).isTrue();
    assertThat(page.data().path("next_offset").asLong()).isEqualTo(total - 1);
    assertThat(page.json().path("params").path("limit").asInt()).isEqualTo(2);
    JsonNode listed = page.data().path("runs").get(0);
    assertThat(listed.path("status").asText()).isEqualTo("completed");
    assertThat(listed.path("steps").isNull()).isTrue();

    assertThat(get(filter + "&status=failed").data().path("total_count").asLong()).isZero();
    assertError(get("/api/workflows/runs?status=done"), 400, "allowed: running, completed");
    assertError(get("/api/workflows/runs?limit=201"), 400, "'limit'");
    assertError(get("/api/workflows/runs?limit=0"), 400, "'limit'");
    assertError(get("/api/workflows/runs?offset=-1"), 400, "'offset'");
  }

  private long count() {
    return get("/api/workflows/runs?definition_id=" + DEFINITION)
        .data()
        .path("total_count")
        .asLong();
  }
}
