package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.sttplatform.api.store.JdbcRunStore;
import org.sttplatform.api.store.RunRecord;
import org.sttplatform.api.workflow.PipelineRuns;
import org.sttplatform.definitions.DefinitionValidator;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;
import org.sttplatform.workflows.pipeline.java.JavaPipelines;

/**
 * Runs over the API on real components: the shipped {@code transcribe} and {@code keywords}
 * definitions on espeak-ng speech from a local media host, a listing, a cancelled run, and the task
 * endpoints next to them.
 */
class PipelineRunsEndToEndTest extends PipelineAppTestBase {
  @Autowired JdbcRunStore runStore;
  @Autowired PipelineRuns pipelineRuns;

  @Test
  void theShippedTranscribeDefinitionRunsFromAUrlToText() throws Exception {
    String runId =
        startRun(
            "transcribe", "{\"inputs\": {\"url\": \"" + speechUrl() + "\", \"language\": \"en\"}}");

    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.path("definition_id").asText()).isEqualTo("transcribe");
    assertThat(run.path("definition_version").asInt()).isEqualTo(1);
    assertThat(run.path("progress").asDouble()).isEqualTo(1.0);
    // Effective inputs: the default of word_timestamps and null for the omitted model.
    assertThat(run.path("inputs").path("word_timestamps").asBoolean()).isFalse();
    assertThat(run.path("inputs").has("model")).isTrue();
    assertThat(run.path("outputs").path("text").isTextual()).isTrue();
    assertThat(run.path("outputs").path("duration_seconds").asDouble()).isGreaterThan(1.0);
    assertThat(run.path("error").isNull()).isTrue();
    List<String> stepIds = new ArrayList<>();
    run.path("steps").fieldNames().forEachRemaining(stepIds::add);
    assertThat(stepIds).containsExactly("fetch", "probe", "extract_audio", "transcribe");
    for (String id : stepIds) {
      JsonNode step = run.path("steps").path(id);
      assertThat(step.path("status").asText()).as(id).isEqualTo("completed");
      assertThat(step.path("attempts").asInt()).as(id).isEqualTo(1);
      assertThat(step.path("started_at").asText()).as(id).matches("\\d{4}-.*Z");
      assertThat(step.path("ended_at").asText()).as(id).matches("\\d{4}-.*Z");
      assertThat(step.path("ended_at").asText())
          .isGreaterThanOrEqualTo(step.path("started_at").asText());
    }
    assertThat(run.path("steps").path("transcribe").path("output").path("text").asText())
        .isEqualTo(run.path("outputs").path("text").asText());

    // The transcription has a task row of its own, which the seed task endpoints show.
    long taskId = run.path("steps").path("transcribe").path("output").path("task_id").asLong();
    assertThat(taskId).isPositive();
    assertThat(
            run.path("steps")
                .path("transcribe")
                .path("output")
                .path("transcript")
                .path("key")
                .asText())
        .startsWith("work/runs/" + runId + "/");
    Reply task = get("/api/whisper/tasks/result?task_id=" + taskId);
    assertThat(task.status()).as(task.json().toString()).isEqualTo(200);
    assertThat(task.data().path("status").asText()).isEqualTo("completed");
    assertThat(task.data().path("run_id").asText()).isEqualTo(runId);
    assertThat(task.data().path("run_step").asText()).isEqualTo("transcribe");
    assertThat(task.data().path("result").path("text").asText())
        .isEqualTo(run.path("outputs").path("text").asText());

    // The workflow reported its end to the run store: the row holds the final state too.
    await().atMost(FINISH).until(() -> runStore.find(runId).orElseThrow().ended());
    RunRecord row = runStore.find(runId).orElseThrow();
    assertThat(row.status()).isEqualTo(RunRecord.COMPLETED);
    assertThat(row.outputs()).containsKey("text");
    assertThat(row.endedAt()).isNotNull();

    Reply listed = get("/api/workflows/runs?definition_id=transcribe&status=completed&limit=200");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.data().path("runs").findValuesAsText("run_id")).contains(runId);
    assertThat(listed.data().path("runs").findValuesAsText("definition_id"))
        .containsOnly("transcribe");
  }

  /**
   * The pipeline written in Java ({@code JavaPipelines.transcribe()}) and the shipped JSON
   * definition, on the same input through the same engine, store the same result.
   */
  @Test
  void theJavaPipelineAndTheShippedDefinitionStoreTheSameResult() throws Exception {
    // Temperature 0 only: whisper's fall-back temperatures sample, which random weights would
    // trigger, and a sample differs from run to run.
    String jsonRun =
        startRun(
            "transcribe",
            "{\"inputs\": {\"url\": \""
                + speechUrl()
                + "\", \"language\": \"en\", \"options\": {\"temperature\": [0.0]}}}");
    PipelineDefinition java = JavaPipelines.transcribe();
    Map<String, Object> inputs =
        DefinitionValidator.effectiveInputs(
            java,
            Map.of(
                "url",
                speechUrl(),
                "language",
                "en",
                "options",
                Map.of("temperature", List.of(0.0))));
    String javaRun = "java" + UUID.randomUUID().toString().replace("-", "");
    runStore.create(javaRun, java.id(), java.version(), inputs);
    pipelineRuns.start(new PipelineRun(javaRun, java, inputs));

    JsonNode fromJson = awaitEnded(jsonRun);
    JsonNode fromJava = awaitEnded(javaRun);

    assertThat(fromJson.path("status").asText()).as(fromJson.toString()).isEqualTo("completed");
    assertThat(fromJava.path("status").asText()).as(fromJava.toString()).isEqualTo("completed");
    JsonNode a = taskResult(fromJson);
    JsonNode b = taskResult(fromJava);
    assertThat(b.path("text").asText()).isEqualTo(a.path("text").asText());
    assertThat(b.path("language").asText()).isEqualTo(a.path("language").asText());
    assertThat(b.path("segments")).isEqualTo(a.path("segments"));
    assertThat(fromJava.path("outputs").path("text"))
        .isEqualTo(fromJson.path("outputs").path("text"));
  }

  private JsonNode taskResult(JsonNode run) {
    long taskId = run.path("steps").path("transcribe").path("output").path("task_id").asLong();
    Reply task = get("/api/whisper/tasks/result?task_id=" + taskId);
    assertThat(task.status()).as(task.json().toString()).isEqualTo(200);
    return task.data().path("result");
  }

  /** Every element in a folder of its own, every transcription a task row of its own. */
  @Test
  void theShippedUrlBatchDefinitionTranscribesEveryUrl() throws Exception {
    String runId =
        startRun(
            "url_batch",
            "{\"inputs\": {\"urls\": [\""
                + speechUrl()
                + "\", \""
                + speechUrl()
                + "\", \""
                + speechUrl()
                + "\"], \"concurrency\": 2, \"language\": \"en\"}}");

    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    JsonNode transcripts = run.path("outputs").path("transcripts");
    assertThat(transcripts.size()).isEqualTo(3);
    List<Long> taskIds = new ArrayList<>();
    for (JsonNode transcript : transcripts) {
      assertThat(transcript.path("language").asText()).isEqualTo("en");
      taskIds.add(transcript.path("task_id").asLong());
    }
    assertThat(taskIds).doesNotHaveDuplicates();
    for (int i = 0; i < taskIds.size(); i++) {
      Reply task = get("/api/whisper/tasks/result?task_id=" + taskIds.get(i));
      assertThat(task.data().path("status").asText()).isEqualTo("completed");
      assertThat(task.data().path("run_step").asText()).isEqualTo("transcribe#" + i);
      assertThat(task.data().path("result").path("text").asText())
          .isEqualTo(transcripts.get(i).path("text").asText());
    }
  }

  /** A file uploaded with the run is its input; the run's clean-up removes it. */
  @Test
  void theShippedTranscribeFileDefinitionRunsAnUploadedFile() throws Exception {
    Reply started =
        postMultipart(
            "/api/workflows/definitions/transcribe_file/runs",
            "{\"inputs\": {\"language\": \"en\"}}",
            "media",
            "会议.wav",
            Files.readAllBytes(speech));
    assertThat(started.status()).as(started.json().toString()).isEqualTo(202);
    String runId = started.data().path("run_id").asText();

    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    JsonNode media = run.path("inputs").path("media");
    assertThat(media.path("key").asText()).startsWith("work/runs/" + runId + "/inputs/media/");
    assertThat(media.path("fileName").asText()).isEqualTo("会议.wav");
    assertThat(run.toString()).doesNotContain(DIR.toString());
    assertThat(run.path("outputs").path("duration_seconds").asDouble()).isGreaterThan(1.0);
    Reply task = get("/api/whisper/tasks/result?task_id=" + run.path("outputs").path("task_id"));
    assertThat(task.data().path("status").asText()).isEqualTo("completed");
    await()
        .atMost(FINISH)
        .untilAsserted(() -> assertThat(DIR.resolve("data/work/runs/" + runId)).doesNotExist());
  }

  @Test
  void aFileThatIsNotAnInputOrNotMediaIsRefusedAndNothingIsKept() throws Exception {
    assertError(
        postMultipart(
            "/api/workflows/definitions/transcribe_file/runs",
            null,
            "audio",
            "a.wav",
            Files.readAllBytes(speech)),
        400,
        "declared inputs: media, language, model, word_timestamps");
    assertError(
        postMultipart(
            "/api/workflows/definitions/transcribe_file/runs",
            "{\"inputs\": {\"media\": {}}}",
            "media",
            "a.wav",
            Files.readAllBytes(speech)),
        400,
        "given both as a file and in inputs");
    assertError(
        postMultipart(
            "/api/workflows/definitions/transcribe_file/runs",
            null,
            "media",
            "notes.wav",
            "just some text, no audio".getBytes(StandardCharsets.UTF_8)),
        415,
        "Input 'media'");
    try (var left = Files.list(Files.createDirectories(DIR.resolve("data/work/runs")))) {
      assertThat(left.filter(p -> Files.exists(p.resolve("inputs"))).toList()).isEmpty();
    }
  }

  @Test
  void theKeywordsDefinitionRunsTheCustomComponent() throws Exception {
    String runId =
        startRun(
            "keywords",
            "{\"inputs\": {\"url\": \""
                + speechUrl()
                + "\", \"terms\": [\"fox\", \"lazy dog\"]}, \"version\": 1}");

    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    JsonNode keywords = run.path("steps").path("keywords");
    assertThat(keywords.path("status").asText()).isEqualTo("completed");
    // Random model weights transcribe nonsense: matches may be empty, but every term is counted.
    assertThat(keywords.path("output").path("matches").isArray()).isTrue();
    List<String> counted = new ArrayList<>();
    keywords.path("output").path("counts").fieldNames().forEachRemaining(counted::add);
    assertThat(counted).containsExactly("fox", "lazy dog");
    assertThat(run.path("outputs").path("matches").isArray()).isTrue();
  }

  /** The server's retries are invisible to the workflow: the API counts them in the history. */
  @Test
  void eachStepReportsItsAttempts() throws Exception {
    String definition =
        "{\"id\": \"flaky_ping\", \"version\": 1,"
            + " \"inputs\": {\"url\": {\"type\": \"string\"}},"
            + " \"steps\": [{\"id\": \"ping\", \"component\": \"http_request\","
            + " \"params\": {\"url\": \"${inputs.url}\"},"
            + " \"retry\": {\"max_attempts\": 5, \"initial_interval\": \"1s\", \"backoff\": 1}},"
            + " {\"id\": \"pause\", \"component\": \"wait\", \"depends_on\": [\"ping\"],"
            + " \"params\": {\"duration\": \"1s\"}}],"
            + " \"outputs\": {\"status\": \"${steps.ping.output.status}\"}}";
    assertThat(post("/api/workflows/definitions", definition).status()).isIn(200, 201);
    MEDIA_HOST.enqueue(new MockResponse.Builder().code(503).build());
    MEDIA_HOST.enqueue(new MockResponse.Builder().code(503).build());
    MEDIA_HOST.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    String runId =
        startRun("flaky_ping", "{\"inputs\": {\"url\": \"" + MEDIA_HOST.url("/ping") + "\"}}");

    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.path("outputs").path("status").asInt()).isEqualTo(200);
    assertThat(run.path("steps").path("ping").path("attempts").asInt()).isEqualTo(3);
    // A step that runs in the workflow makes no activity attempts.
    assertThat(run.path("steps").path("pause").path("attempts").isNull()).isTrue();
  }

  @Test
  void aRunningRunIsCancelledAndItsRowSaysSo() {
    Reply stored =
        post(
            "/api/workflows/definitions",
            """
            {"id": "slow_wait", "steps": [
              {"id": "pause", "component": "wait", "params": {"duration": "10m"}}]}
            """);
    assertThat(stored.status()).as(stored.json().toString()).isIn(200, 201);
    String runId = startRun("slow_wait", "{}");
    await()
        .atMost(FINISH)
        .until(
            () ->
                get("/api/workflows/runs/" + runId)
                    .data()
                    .path("steps")
                    .path("pause")
                    .path("status")
                    .asText()
                    .equals("running"));

    Reply cancelled = delete("/api/workflows/runs/" + runId);

    assertThat(cancelled.status()).as(cancelled.json().toString()).isEqualTo(200);
    assertThat(cancelled.data().path("status").asText()).isEqualTo("cancelled");
    JsonNode run = get("/api/workflows/runs/" + runId).data();
    assertThat(run.path("status").asText()).isEqualTo("cancelled");
    assertThat(run.path("ended_at").asText()).isNotEmpty();
    assertThat(runStore.find(runId).orElseThrow().status()).isEqualTo(RunRecord.CANCELLED);
    assertError(delete("/api/workflows/runs/" + runId), 409, "has already ended (cancelled)");
    assertThat(
            get("/api/workflows/runs?status=cancelled")
                .data()
                .path("runs")
                .findValuesAsText("run_id"))
        .contains(runId);
  }

  @Test
  void theTaskEndpointsAreUnchanged() {
    Reply tasks = post("/api/whisper/tasks/query", "{}");
    assertThat(tasks.status()).isEqualTo(200);
    assertThat(tasks.data().has("tasks")).isTrue();
    assertError(get("/api/whisper/tasks/result?task_id=999999"), 404, "");
  }
}
