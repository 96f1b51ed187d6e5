package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.TaskRecords.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sttplatform.api.store.TaskStatus;

/**
 * Integer parameters are ASCII digits only: {@code Long.parseLong} also takes a sign and any
 * Unicode digit, so {@code task_id=١} (Arabic-Indic one) would address task 1.
 */
class StrictIntegersTest extends WebTestBase {
  private static final Instant T0 = Instant.parse("2026-11-24T18:00:00.123Z");

  @ParameterizedTest
  @ValueSource(strings = {"١", "+1", " 1", "1 ", "１", "-1", "1_0", "0x1", "99999999999999999999"})
  void taskIdOtherThanAsciiDigitsIs400(String value) {
    store.put(task(1, TaskStatus.COMPLETED, T0));
    String q = "?task_id=" + URLEncoder.encode(value, StandardCharsets.UTF_8);

    assertError(get("/api/whisper/tasks/result" + q), 400, "'task_id'");
    assertError(delete("/api/whisper/tasks/delete" + q), 400, "'task_id'");
    assertThat(store.find(1)).isPresent();
  }

  @Test
  void asciiDigitsStillWork() {
    store.put(task(1, TaskStatus.COMPLETED, T0));
    assertThat(get("/api/whisper/tasks/result?task_id=1").status()).isEqualTo(200);
    assertThat(get("/api/whisper/tasks/result?task_id=0001").status()).isEqualTo(200);
    assertThat(delete("/api/whisper/tasks/delete?task_id=1").status()).isEqualTo(200);
    assertThat(store.find(1)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"١\"", "\"+1\"", "\" 1\"", "\"1 \"", "\"１\"", "true", "1.0"})
  void limitAndOffsetMustBeJsonIntegers(String value) {
    assertError(postJson("/api/whisper/tasks/query", "{\"limit\":" + value + "}"), 400, "'limit'");
    assertError(
        postJson("/api/whisper/tasks/query", "{\"offset\":" + value + "}"), 400, "'offset'");
  }
}
