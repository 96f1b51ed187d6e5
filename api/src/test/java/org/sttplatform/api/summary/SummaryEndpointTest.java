package org.sttplatform.api.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.activities.llm.FakeOpenAi;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.store.NewTask;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.store.TaskType;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.Transcript;

/**
 * {@code POST /api/chatgpt/summary} on the real application (SQLite with its migrations, the task
 * store, embedded Temporal) against a local OpenAI-compatible server. Tasks are completed through
 * the store as the transcription workflow completes them. Every response body and the whole log
 * output (at DEBUG for this service, Spring's web layer and the HTTP clients) are checked for the
 * API keys.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "stt.workers.cpu=false",
      "stt.workers.gpu=false",
      "logging.level.org.sttplatform=DEBUG",
      "logging.level.org.springframework.web=DEBUG",
      "logging.level.okhttp3=DEBUG",
      "logging.level.com.openai=DEBUG"
    })
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SummaryEndpointTest {
  static final String SERVER_KEY = "sk-server-key-7f3a9c2e1b";
  static final String REQUEST_KEY = "sk-request-key-55aa66bb77";
  static final int CONTEXT = 2048;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final FakeOpenAi LLM = new FakeOpenAi();
  static final List<String> BODIES = new CopyOnWriteArrayList<>();
  static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("stt-summary-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired TaskStore tasks;

  @DynamicPropertySource
  static void service(DynamicPropertyRegistry registry) {
    registry.add("stt.data-dir", () -> DIR.resolve("data").toString());
    registry.add("stt.temporal.embedded-port", () -> "0");
    registry.add("stt.worker-env[STT_LLM_BASE_URL]", LLM::baseUrl);
    registry.add("stt.worker-env[STT_LLM_API_KEY]", () -> SERVER_KEY);
    registry.add("stt.worker-env[STT_LLM_MODEL]", () -> "gpt-4o-mini");
    registry.add("stt.worker-env[STT_LLM_CONTEXT_TOKENS]", () -> String.valueOf(CONTEXT));
    registry.add("stt.worker-env[STT_LLM_MAX_RETRIES]", () -> "2");
  }

  @BeforeEach
  void reset() {
    LLM.reset();
  }

  @AfterEach
  void noKeyInTheLog(CapturedOutput output) {
    assertThat(output.getAll()).doesNotContain(SERVER_KEY).doesNotContain(REQUEST_KEY);
  }

  @AfterAll
  static void stop() {
    LLM.close();
  }

  record Reply(int status, JsonNode json) {
    JsonNode data() {
      return json.path("data");
    }

    JsonNode detail() {
      return json.path("detail");
    }
  }

  Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      BODIES.add(r.body());
      return new Reply(r.statusCode(), JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply postJson(String json) {
    return send(
        HttpRequest.newBuilder(uri("/api/chatgpt/summary"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply postForm(String form) {
    return send(
        HttpRequest.newBuilder(uri("/api/chatgpt/summary"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  Reply result(long taskId) {
    return send(HttpRequest.newBuilder(uri("/api/whisper/tasks/result?task_id=" + taskId)).GET());
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** A task created and completed through the store, as the transcription workflow does it. */
  long completedTask(int segments, int words) {
    long id = queuedTask();
    List<Transcript.Segment> list = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= segments; i++) {
      String s = " Segment " + i + " says" + " word".repeat(words) + ".";
      text.append(s);
      list.add(
          new Transcript.Segment(i, i * 2.0, i * 2.0 + 2, s, List.of(), -0.2, 1.2, 0.01, null));
    }
    tasks.completed(
        id,
        new Transcript(
            text.toString().strip(), "en", 0.97, segments * 2.0, "whisper.cpp", "base", 1.0, list));
    return id;
  }

  long queuedTask() {
    TaskRecord task =
        tasks.create(
            new NewTask(
                TaskType.TRANSCRIBE,
                TaskPriority.NORMAL,
                "whisper.cpp",
                null,
                null,
                null,
                null,
                "talk.wav",
                1000L,
                10.0,
                null,
                DecodeOptions.defaults()));
    return task.id();
  }

  @Test
  @Order(1)
  void aShortTranscriptIsOneRequestAndTheSavedSummaryIsListedWithTheTask() {
    long id = completedTask(3, 5);
    Reply r =
        postJson(
            "{\"task_id\": %d, \"chatgpt_prompt\": \"Bullet points.\", \"output_language\": \"fr\"}"
                .formatted(id));

    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    assertThat(r.json().path("code").asInt()).isEqualTo(200);
    assertThat(r.json().path("router").asText()).endsWith("/api/chatgpt/summary");
    JsonNode params = r.json().path("params");
    assertThat(params.path("task_id").asLong()).isEqualTo(id);
    assertThat(params.path("chatgpt_api_key").asText()).isEmpty();
    assertThat(params.path("chatgpt_model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(params.path("output_language").asText()).isEqualTo("fr");
    assertThat(params.path("save_to_database").asBoolean()).isTrue();

    List<FakeOpenAi.Seen> seen = LLM.requests();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).authorization()).isEqualTo("Bearer " + SERVER_KEY);
    assertThat(seen.get(0).system()).contains("'fr'");
    assertThat(seen.get(0).user())
        .startsWith("Bullet points.\n\nContents: Segment 1 says word")
        .endsWith("Segment 3 says word word word word word.");

    JsonNode data = r.data();
    String summary = data.path("summary").asText();
    assertThat(summary).startsWith("Summary #1 of ");
    assertThat(data.path("task_text").asText()).startsWith("Segment 1 says");
    assertThat(data.path("chunks").asInt()).isEqualTo(1);
    assertThat(data.path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(
            data.path("chat_completion")
                .path("choices")
                .get(0)
                .path("message")
                .path("content")
                .asText())
        .isEqualTo(summary);
    assertThat(data.path("summary_id").isIntegralNumber()).isTrue();

    Reply task = result(id);
    assertThat(task.status()).isEqualTo(200);
    JsonNode stored = task.data().path("summaries");
    assertThat(stored.size()).isEqualTo(1);
    assertThat(stored.get(0).path("id").asLong()).isEqualTo(data.path("summary_id").asLong());
    assertThat(stored.get(0).path("summary").asText()).isEqualTo(summary);
    assertThat(stored.get(0).path("prompt").asText()).isEqualTo("Bullet points.");
    assertThat(stored.get(0).path("output_language").asText()).isEqualTo("fr");
    assertThat(stored.get(0).path("chunks").asInt()).isEqualTo(1);
    assertThat(stored.get(0).path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
  }

  @Test
  @Order(2)
  void aLongTranscriptIsChunkedOnSegmentBoundariesThenReduced() {
    long id = completedTask(150, 40); // ~150 × 55 tokens: about six 2048-token contexts
    Reply r = postForm("task_id=%d&chatgpt_model=long-model&save_to_database=false".formatted(id));

    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    int chunks = r.data().path("chunks").asInt();
    assertThat(chunks).isGreaterThanOrEqualTo(4);
    List<FakeOpenAi.Seen> seen = LLM.requests();
    assertThat(seen).hasSize(chunks + 1);
    assertThat(r.data().path("requests").asInt()).isEqualTo(chunks + 1);
    int next = 1;
    for (int i = 0; i < chunks; i++) {
      String user = seen.get(i).user();
      assertThat(seen.get(i).model()).isEqualTo("long-model");
      assertThat(user).startsWith("This is part %d of %d".formatted(i + 1, chunks));
      String contents = user.substring(user.indexOf("Contents: ") + "Contents: ".length());
      assertThat(contents).startsWith("Segment " + next + " says").endsWith(".");
      while (contents.contains("Segment " + (next + 1) + " says")) {
        next++;
      }
      assertThat(contents).endsWith("Segment " + next + " says" + " word".repeat(40) + ".");
      next++;
    }
    assertThat(next).isEqualTo(151);
    String reduce = seen.get(chunks).user();
    for (int i = 1; i <= chunks; i++) {
      assertThat(reduce).contains("Summary #" + i + " of ");
    }
    assertThat(r.data().path("summary").asText()).startsWith("Summary #" + (chunks + 1) + " of ");
    assertThat(r.data().path("summary_id").isNull()).isTrue();
    assertThat(result(id).data().path("summaries").size()).isZero();
  }

  @Test
  @Order(3)
  void aKeyGivenWithTheRequestIsUsedAndNeverEchoed() {
    long id = completedTask(2, 3);
    Reply r = postJson("{\"task_id\": %d, \"chatgpt_api_key\": \"%s\"}".formatted(id, REQUEST_KEY));
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    assertThat(LLM.requests().get(0).authorization()).isEqualTo("Bearer " + REQUEST_KEY);
    assertThat(r.json().path("params").path("chatgpt_api_key").asText()).isEqualTo("***");
    assertThat(r.json().toString()).doesNotContain(REQUEST_KEY);
  }

  @Test
  @Order(4)
  void aRateLimitIsRetriedInsideTheCall() {
    long id = completedTask(2, 3);
    LLM.failNext(429, "Rate limit reached for gpt-4o-mini in organization org-x on requests");
    Reply r = postJson("{\"task_id\": %d}".formatted(id));
    assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    assertThat(LLM.requests()).hasSize(2);
    assertThat(r.data().path("summary").asText()).startsWith("Summary #2 of ");
  }

  @Test
  @Order(5)
  void aPersistentServerErrorIs502WithTheServersMessage() {
    long id = completedTask(2, 3);
    LLM.failAlways(500, "The server had an error while processing your request. Sorry about that!");
    Reply r = postJson("{\"task_id\": %d, \"chatgpt_api_key\": \"%s\"}".formatted(id, REQUEST_KEY));

    assertThat(r.status()).as(r.json().toString()).isEqualTo(502);
    assertThat(r.detail().path("code").asInt()).isEqualTo(502);
    assertThat(r.detail().path("message").asText())
        .contains("HTTP 500 (3 attempts)")
        .contains("The server had an error while processing your request");
    assertThat(r.detail().path("llm_status").asInt()).isEqualTo(500);
    assertThat(LLM.requests()).hasSize(3);
    assertThat(result(id).data().path("summaries").size()).isZero();
  }

  @Test
  @Order(6)
  void anUnfinishedOrFailedTaskIsNotSummarised() {
    long queued = queuedTask();
    Reply waiting = postJson("{\"task_id\": %d}".formatted(queued));
    assertThat(waiting.status()).isEqualTo(202);
    assertThat(waiting.detail().path("message").asText()).contains("queued");

    long failed = queuedTask();
    tasks.failed(failed, "The media has no audio stream");
    Reply refused = postJson("{\"task_id\": %d}".formatted(failed));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.detail().path("message").asText()).contains("no audio stream");

    assertThat(postJson("{\"task_id\": 987654}").status()).isEqualTo(404);
    assertThat(LLM.requests()).isEmpty();
  }

  @Test
  @Order(100)
  void noResponseBodyOrLogLineContainsAKey(CapturedOutput output) {
    long id = completedTask(2, 3);
    LLM.failNext(401, "Incorrect API key provided: " + REQUEST_KEY + ".");
    Reply refused =
        postJson("{\"task_id\": %d, \"chatgpt_api_key\": \"%s\"}".formatted(id, REQUEST_KEY));
    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.detail().path("message").asText())
        .isEqualTo(
            "The LLM server refused the request with HTTP 401: Incorrect API key provided: ***.");

    assertThat(BODIES).hasSizeGreaterThan(10);
    assertThat(BODIES).allSatisfy(b -> assertThat(b).doesNotContain(SERVER_KEY, REQUEST_KEY));
    String log = output.getAll();
    assertThat(log).doesNotContain(SERVER_KEY).doesNotContain(REQUEST_KEY);
    // The log did capture the request at DEBUG, body included (the check is not vacuous).
    assertThat(log).contains("/api/chatgpt/summary").contains("chatgptApiKey=***");
  }
}
