package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.TaskRecords.task;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sttplatform.api.store.TaskStatus;

/**
 * The API speaks JSON whatever {@code Accept} says (as the seed did): errors keep their status and
 * envelope, successes stay successes, never a 406 or a 500.
 */
class AcceptHeaderTest extends WebTestBase {
  private static final Instant T0 = Instant.parse("2026-11-24T18:00:00.123Z");

  private Reply get(String path, String accept) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", accept).GET());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/html", "image/png", "text/html;q=0.9, application/xml"})
  void errorsAnswerTheirStatusWithTheJsonEnvelope(String accept) {
    assertError(get("/api/whisper/tasks/result?task_id=404", accept), 404, "not found");
    assertError(get("/api/whisper/tasks/result?task_id=abc", accept), 400, "'task_id'");
    assertError(get("/api/whisper/nothing", accept), 404, "No endpoint");
    assertError(
        send(
            HttpRequest.newBuilder(URI.create(url("/api/whisper/tasks/result?task_id=1")))
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.noBody())),
        405,
        "POST");
    // Outside the DispatcherServlet: the /error dispatch.
    assertError(get("/test/filter-boom", accept), 500, "unexpected error");
    assertError(get("/test/send-error", accept), 400, "Bad Request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/html", "image/png"})
  void successesStaySuccessfulJson(String accept) {
    store.put(task(7, TaskStatus.COMPLETED, T0));
    Reply result = get("/api/whisper/tasks/result?task_id=7", accept);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.data().get("id").asLong()).isEqualTo(7);

    Reply listed =
        send(
            HttpRequest.newBuilder(URI.create(url("/api/whisper/tasks/query")))
                .header("Accept", accept)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.data().get("total_count").asLong()).isEqualTo(1);

    Reply health = get("/api/health/check", accept);
    assertThat(health.status()).as(health.body()).isIn(200, 503);
    assertThat(health.json()).as(health.body()).isNotNull();
  }
}
