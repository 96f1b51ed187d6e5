package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.TaskRecords.TRANSCRIPT;
import static org.sttplatform.api.web.TaskRecords.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskStatus;
import tools.jackson.databind.JsonNode;

class QueryTasksTest extends WebTestBase {
  static final String PATH = "/api/whisper/tasks/query";
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @BeforeEach
  void tasks() {
    store.put(task(1, TaskStatus.QUEUED, T0));
    store.put(task(2, TaskStatus.PROCESSING, TaskPriority.HIGH, T0.plusSeconds(60), null, null));
    store.put(
        task(3, TaskStatus.COMPLETED, TaskPriority.NORMAL, T0.plusSeconds(120), TRANSCRIPT, null));
    store.put(task(4, TaskStatus.FAILED, TaskPriority.LOW, T0.plusSeconds(180), null, "boom"));
    store.put(
        task(5, TaskStatus.COMPLETED, TaskPriority.NORMAL, T0.plusSeconds(240), TRANSCRIPT, null));
  }

  static List<Long> ids(Reply r) {
    List<Long> ids = new ArrayList<>();
    for (JsonNode t : r.data().get("tasks")) {
      ids.add(t.get("id").asLong());
    }
    return ids;
  }

  @Test
  void emptyBodyAndEmptyObjectListAllTasks() {
    for (Reply r :
        List.of(
            postEmpty(PATH), postJson(PATH, ""), postJson(PATH, "{}"), postJson(PATH, "null"))) {
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.fieldNames(r.json())).containsExactly("code", "router", "params", "data");
      assertThat(r.fieldNames(r.data()))
          .containsExactly("tasks", "total_count", "has_more", "next_offset");
      assertThat(ids(r)).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(r.data().get("total_count").asLong()).isEqualTo(5);
      assertThat(r.data().get("has_more").asBoolean()).isFalse();
      assertThat(r.data().get("next_offset").isNull()).isTrue();
      assertThat(store.lastQuery.status()).isNull();
      assertThat(store.lastQuery.hasResult()).isNull();
      assertThat(store.lastQuery.limit()).isEqualTo(20);
    }
  }

  @Test
  void listingsOmitTheResultUnlessAsked() {
    Reply r = postJson(PATH, "{\"status\":\"completed\"}");
    assertThat(ids(r)).containsExactly(3L, 5L);
    JsonNode first = r.data().get("tasks").get(0);
    assertThat(r.fieldNames(first)).containsExactlyElementsOf(CreateTaskFixtures.SEED_KEYS);
    assertThat(first.get("result").isNull()).isTrue();
    assertThat(first.get("output_url").asString())
        .isEqualTo(url("/api/whisper/tasks/result?task_id=3"));

    Reply full = postJson(PATH, "{\"status\":\"completed\",\"include_result\":true}");
    assertThat(full.data().get("tasks").get(0).get("result").get("text").asString())
        .isEqualTo("你好 世界");
  }

  @Test
  void filtersArePassedToTheStore() {
    Reply r =
        postJson(
            PATH,
            """
            {"status":"FAILED","priority":"low","created_after":"2026-11-24T10:01:00",
             "created_before":"2026-11-24T14:00:00+02:00","language":" ","engine_name":"whisper.cpp",
             "has_result":false,"has_error":true}
            """);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(ids(r)).containsExactly(4L);
    var q = store.lastQuery;
    assertThat(q.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(q.priority()).isEqualTo(TaskPriority.LOW);
    assertThat(q.createdAfter()).isEqualTo(Instant.parse("2026-11-24T10:01:00Z"));
    assertThat(q.createdBefore()).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    assertThat(q.language()).isNull();
    assertThat(q.engineName()).isEqualTo("whisper.cpp");
    assertThat(q.hasResult()).isFalse();
    assertThat(q.hasError()).isTrue();
    JsonNode params = r.json().get("params");
    assertThat(params.get("status").asString()).isEqualTo("failed");
    assertThat(params.get("created_after").asString()).isEqualTo("2026-11-24T10:01:00.000Z");
  }

  @Test
  void dateFormsWithoutZoneAreUtc() {
    postJson(PATH, "{\"created_after\":\"2026-11-24 10:02:00\",\"created_before\":\"2026-11-25\"}");
    assertThat(store.lastQuery.createdAfter()).isEqualTo(Instant.parse("2026-11-24T10:02:00Z"));
    assertThat(store.lastQuery.createdBefore()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
  }

  @Test
  void pagination() {
    Reply first = postJson(PATH, "{\"limit\":2}");
    assertThat(ids(first)).containsExactly(1L, 2L);
    assertThat(first.data().get("has_more").asBoolean()).isTrue();
    assertThat(first.data().get("next_offset").asInt()).isEqualTo(2);

    Reply last = postJson(PATH, "{\"limit\":2,\"offset\":4}");
    assertThat(ids(last)).containsExactly(5L);
    assertThat(last.data().get("has_more").asBoolean()).isFalse();
    assertThat(last.data().get("next_offset").isNull()).isTrue();
    assertThat(last.data().get("total_count").asLong()).isEqualTo(5);
  }

  @Test
  void limitIsCappedAtTheConfiguredMaximum() {
    Reply r = postJson(PATH, "{\"limit\":1000}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(store.lastQuery.limit()).isEqualTo(50);
    assertThat(r.json().get("params").get("limit").asInt()).isEqualTo(50);
  }

  @Test
  void badFiltersAre400NamingTheField() {
    assertError(postJson(PATH, "{\"limit\":0}"), 400, "'limit'");
    assertError(postJson(PATH, "{\"offset\":-1}"), 400, "'offset'");
    assertError(
        postJson(PATH, "{\"status\":\"done\"}"),
        400,
        "allowed values: queued, processing, completed, failed");
    assertError(postJson(PATH, "{\"priority\":\"urgent\"}"), 400, "'priority'");
    assertError(postJson(PATH, "{\"created_after\":\"yesterday\"}"), 400, "'created_after'");
    assertError(postJson(PATH, "{\"created_before\":\"2026-13-01\"}"), 400, "'created_before'");
    assertError(
        postJson(PATH, "{\"created_after\":\"+999999999-12-31T00:00:00Z\"}"),
        400,
        "between the years 1 and 9999");
    assertError(
        postJson(PATH, "{\"created_before\":\"-999999999-01-01\"}"), 400, "'created_before'");
    assertError(postJson(PATH, "{\"limit\":\"ten\"}"), 400, "'limit'");
    assertError(postJson(PATH, "{\"limit\":1.7}"), 400, "'limit'");
    assertError(postJson(PATH, "{\"has_result\":\"perhaps\"}"), 400, "'has_result'");
    assertError(postJson(PATH, "{\"stauts\":\"queued\"}"), 400, "Unknown field(s) 'stauts'");
  }

  @Test
  void malformedJsonIs400() {
    assertError(postJson(PATH, "{\"status\":"), 400, "not valid JSON");
    assertError(postJson(PATH, "[1,2]"), 400, "");
  }

  @Test
  void nonJsonContentTypeIs415() {
    Reply r =
        send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(PATH)))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("status=queued")));
    assertError(r, 415, "text/plain");
  }
}
