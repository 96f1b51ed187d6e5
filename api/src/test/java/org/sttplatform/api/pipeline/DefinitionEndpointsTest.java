package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.sttplatform.api.store.JdbcDefinitionStore;

/** The definition endpoints and the original create_work_flow on the real application. */
class DefinitionEndpointsTest extends PipelineAppTestBase {
  private static final String PATH = "/api/workflows/definitions";

  @Autowired JdbcDefinitionStore store;

  static String echoDefinition(String id, String description) {
    return """
        {"id": "%s", "version": 42, "description": "%s",
         "inputs": {"n": {"type": "integer", "default": 2}},
         "steps": [{"id": "twice", "component": "set", "params": {"values": {"n": "${inputs.n}"}}}],
         "outputs": {"n": "${steps.twice.output.n}"}}
        """
        .formatted(id, description);
  }

  @Test
  void theShippedDefinitionsAreListedAsVersionOne() {
    Reply r = get(PATH);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("code").asInt()).isEqualTo(200);
    assertThat(r.json().path("router").asText()).endsWith(PATH);
    JsonNode items = r.data().path("definitions");
    assertThat(items.findValuesAsText("id")).contains("keywords", "transcribe", "url_batch");
    for (JsonNode d : items) {
      assertThat(d.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");
      assertThat(d.has("definition")).isFalse();
    }
    JsonNode transcribe = get(PATH + "/transcribe").data();
    assertThat(transcribe.path("version").asInt()).isEqualTo(1);
    assertThat(transcribe.path("trigger_type").asText()).isEqualTo("MANUAL");
    assertThat(transcribe.path("definition").path("steps").findValuesAsText("id"))
        .containsExactly("fetch", "probe", "extract_audio", "transcribe");
  }

  @Test
  void storingAssignsVersionsAndTheSameContentIsIdempotent() {
    Reply first = post(PATH, echoDefinition("echo_versions", "one"));
    assertThat(first.status()).as(first.json().toString()).isEqualTo(201);
    assertThat(first.json().path("code").asInt()).isEqualTo(201);
    // The body's version (42) is ignored: a new id starts at 1.
    assertThat(first.data().path("version").asInt()).isEqualTo(1);
    assertThat(first.data().path("created").asBoolean()).isTrue();
    assertThat(first.header("Location")).isEqualTo(PATH + "/echo_versions?version=1");

    Reply again = post(PATH, echoDefinition("echo_versions", "one"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.data().path("version").asInt()).isEqualTo(1);
    assertThat(again.data().path("created").asBoolean()).isFalse();
    assertThat(again.header("Location")).isNull();

    Reply second = post(PATH, echoDefinition("echo_versions", "two"));
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.data().path("version").asInt()).isEqualTo(2);

    assertThat(get(PATH + "/echo_versions").data().path("description").asText()).isEqualTo("two");
    JsonNode v1 = get(PATH + "/echo_versions?version=1").data();
    assertThat(v1.path("description").asText()).isEqualTo("one");
    assertThat(v1.path("definition").path("version").asInt()).isEqualTo(1);
    JsonNode listed = get(PATH).data().path("definitions");
    for (JsonNode d : listed) {
      if (d.path("id").asText().equals("echo_versions")) {
        assertThat(d.path("version").asInt()).isEqualTo(2);
      }
    }
    assertThat(store.find("echo_versions", 3)).isEmpty();
  }

  @Test
  void unknownIdsAndVersionsAre404AndABadVersionIs400() {
    assertError(
        get(PATH + "/no_such_definition"), 404, "Definition 'no_such_definition' not found");
    assertError(get(PATH + "/transcribe?version=99"), 404, "has no version 99");
    assertError(get(PATH + "/transcribe?version=one"), 400, "'version'");
    assertError(get(PATH + "/transcribe?version=0"), 400, "'version'");
    assertError(delete(PATH + "/no_such_definition"), 404, "not found");
  }

  @Test
  void validateListsEveryProblemAndNeverFails() {
    Reply valid = post(PATH + "/validate", echoDefinition("checked", "fine"));
    assertThat(valid.status()).isEqualTo(200);
    assertThat(valid.data().path("valid").asBoolean()).isTrue();
    assertThat(valid.data().path("problems").size()).isZero();

    Reply invalid =
        post(
            PATH + "/validate",
            """
            {"id": "broken", "inputs": {"url": {"type": "string"}},
             "steps": [
               {"id": "fetch", "component": "fetch", "params": {"url": "${inputs.url}", "verbose": true}},
               {"id": "transcribe", "component": "transcribe", "params": {"language": "${inputs.lang}"}}]}
            """);
    assertThat(invalid.status()).isEqualTo(200);
    assertThat(invalid.data().path("valid").asBoolean()).isFalse();
    assertThat(invalid.data().path("problems").findValuesAsText("path"))
        .containsExactly(
            "$.steps[0].params.verbose", "$.steps[1].params", "$.steps[1].params.language");

    for (String body : List.of("{\"id\": ", "[1, 2]", "\"text\"", "", "null")) {
      Reply r = post(PATH + "/validate", body);
      assertThat(r.status()).as(body).isEqualTo(200);
      assertThat(r.data().path("valid").asBoolean()).as(body).isFalse();
      assertThat(r.data().path("problems").get(0).path("path").asText()).as(body).isEqualTo("$");
    }
  }

  @Test
  void anInvalidDefinitionIsA400ListingEveryProblemAndStoresNothing() {
    Reply r =
        post(
            PATH,
            """
            {"id": "never_stored", "steps": [
              {"id": "a", "component": "nope"},
              {"id": "b", "component": "wait", "params": {"duration": "soon"}}]}
            """);

    assertError(r, 400, "The definition is invalid (2 problems)");
    assertThat(r.detail().path("problems").findValuesAsText("path"))
        .containsExactly("$.steps[0].component", "$.steps[1].params.duration");
    assertThat(store.latest("never_stored")).isEmpty();
    assertError(post(PATH, "{not json"), 400, "malformed JSON");
    assertError(post(PATH, "[]"), 400, "The definition is invalid");
  }

  @Test
  void deleteRemovesEveryVersion() {
    post(PATH, echoDefinition("echo_deleted", "one"));
    post(PATH, echoDefinition("echo_deleted", "two"));

    Reply r = delete(PATH + "/echo_deleted");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().path("id").asText()).isEqualTo("echo_deleted");
    assertThat(store.find("echo_deleted", 1)).isEmpty();
    assertThat(store.find("echo_deleted", 2)).isEmpty();
    assertError(get(PATH + "/echo_deleted"), 404, "not found");
  }

  @Test
  void theOriginalCreateWorkFlowStoresTheMappedDefinitionWithItsTrigger() throws Exception {
    String meeting;
    try (var in = getClass().getResourceAsStream("/pipeline/original-meeting.json")) {
      meeting = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    Reply r = post("/api/workflow/create_work_flow", meeting);

    assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
    assertThat(r.json().path("code").asInt()).isEqualTo(201);
    assertThat(r.json().path("router").asText()).endsWith("/api/workflow/create_work_flow");
    assertThat(r.data().path("id").asText()).isEqualTo("weekly_meeting");
    assertThat(r.data().path("trigger_type").asText()).isEqualTo("SCHEDULED");
    assertThat(r.data().path("callback_url").asText()).isEqualTo("https://hooks.example.com/done");
    assertThat(r.data().path("message").asText()).contains("TRIGGER_TYPE is recorded");
    JsonNode stored = get(PATH + "/weekly_meeting").data();
    assertThat(stored.path("trigger_type").asText()).isEqualTo("SCHEDULED");
    assertThat(stored.path("definition").path("steps").findValuesAsText("component"))
        .contains("fetch", "extract_audio", "transcribe", "wait");
    assertThat(post("/api/workflow/create_work_flow", meeting).status()).isEqualTo(200);

    Reply bad =
        post(
            "/api/workflow/create_work_flow",
            """
            {"WORKFLOW_NAME": "Bad", "TRIGGER_TYPE": "HOURLY",
             "tasks": [{"TASK_ID": "x", "COMPONENT": "Teleport"}]}
            """);
    assertError(bad, 400, "cannot be mapped");
    assertThat(bad.detail().path("problems").findValuesAsText("path"))
        .contains("$.TRIGGER_TYPE", "$.tasks[0].COMPONENT");
    assertThat(store.latest("bad")).isEmpty();
    assertError(post("/api/workflow/create_work_flow", "nope"), 400, "malformed JSON");
  }
}
