package org.sttplatform.activities.subtitles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.activities.CpuWorker;
import org.sttplatform.activities.CpuWorkerSettings;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.activities.subtitles.StrictSubtitleParser.ParsedCue;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.pipeline.definition.InputSpec;
import org.sttplatform.workflows.pipeline.definition.PipelineBuilder;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.RunStoreActivities;

/**
 * The {@code subtitles} component in a definition, run by the pipeline engine on the real CPU
 * worker (engine, media components, subtitles) with a recording run store.
 */
class SubtitlesComponentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private TestWorkflowEnvironment env;
  private final List<String> ended = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    CpuWorker.register(env.getWorkerFactory(), CpuWorkerSettings.defaults(dataDir));
    env.newWorker(TaskQueues.STORE)
        .registerActivitiesImplementations(
            (RunStoreActivities)
                (runId, status, outputs, error) -> ended.add(runId + " " + status));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** transcript → subtitles, with the options as inputs; outputs the files. */
  static PipelineDefinition definition() {
    return PipelineBuilder.pipeline("subtitles_test", 1)
        .input("transcript", new InputSpec("object", null, "a transcript"))
        .input("formats", new InputSpec("array", List.of("srt"), "formats"))
        .input("task_id", new InputSpec("integer", null, "task", false))
        .input("highlight", new InputSpec("boolean", false, "highlight words"))
        .step("subs", "subtitles")
        .param("transcript", "${inputs.transcript}")
        .param("formats", "${inputs.formats}")
        .param("name", "会议 notes")
        .param("task_id", "${inputs.task_id}")
        .param("max_line_width", 20)
        .param("highlight_words", "${inputs.highlight}")
        .add()
        .output("files", "${steps.subs.output.files}")
        .build();
  }

  private Map<String, Object> run(String runId, Map<String, Object> inputs) {
    PipelineWorkflow stub =
        env.getWorkflowClient()
            .newWorkflowStub(
                PipelineWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId(WorkflowIds.pipelineRun(runId))
                    .build());
    // Every declared input, defaults applied, as the API's RunInputs hands them to the engine.
    PipelineDefinition definition = definition();
    Map<String, Object> all = new HashMap<>();
    definition.inputs().forEach((name, spec) -> all.put(name, spec.defaultValue()));
    all.putAll(inputs);
    return stub.run(new PipelineRun(runId, definition, all));
  }

  static Transcript wordTimed() {
    return new Transcript(
        "Good morning, and welcome to the annual meeting.",
        "en",
        0.9,
        4.0,
        "whisper.cpp",
        "base",
        1.0,
        List.of(
            new Transcript.Segment(
                1,
                0.0,
                4.0,
                " Good morning, and welcome to the annual meeting.",
                List.of(1, 2),
                -0.2,
                1.2,
                0.01,
                List.of(
                    new Transcript.Word(0.0, 0.4, " Good", 0.9),
                    new Transcript.Word(0.5, 1.0, " morning,", 0.9),
                    new Transcript.Word(1.1, 1.3, " and", 0.9),
                    new Transcript.Word(1.4, 1.9, " welcome", 0.9),
                    new Transcript.Word(2.0, 2.1, " to", 0.9),
                    new Transcript.Word(2.2, 2.3, " the", 0.9),
                    new Transcript.Word(2.4, 2.9, " annual", 0.9),
                    new Transcript.Word(3.0, 3.9, " meeting.", 0.9)))));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> files(Map<String, Object> outputs) {
    return (List<Map<String, Object>>) outputs.get("files");
  }

  @Test
  void theTranscribeStepsOutputBecomesFilesThatOutliveTheRun() throws Exception {
    // The transcribe component's output shape: segments without words, no transcript file.
    Map<String, Object> transcribeOutput =
        Map.of(
            "text",
            "大家好，欢迎参加今天的年度会议。我们先回顾去年的工作成果。",
            "language",
            "zh",
            "language_probability",
            0.95,
            "duration",
            8.0,
            "model",
            "base",
            "segments",
            List.of(
                Map.of(
                    "id", 1, "start", 0.0, "end", 8.0, "text", "大家好，欢迎参加今天的年度会议。我们先回顾去年的工作成果。")));

    Map<String, Object> outputs =
        run(
            "run-zh",
            Map.of("transcript", transcribeOutput, "formats", List.of("srt", "vtt", "txt")));

    List<Map<String, Object>> files = files(outputs);
    assertThat(files).extracting(f -> f.get("format")).containsExactly("srt", "vtt", "txt");
    assertThat(files)
        .extracting(f -> f.get("name"))
        .containsExactly("会议 notes.srt", "会议 notes.vtt", "会议 notes.txt");
    Path folder = new DataLayout(dataDir).runResultsDir("run-zh").resolve("subtitles");
    for (Map<String, Object> f : files) {
      Path file = new DataLayout(dataDir).files().localFile((String) f.get("reference"));
      assertThat(file.getParent()).isEqualTo(folder);
      assertThat(Files.size(file)).isEqualTo(((Number) f.get("size")).longValue());
    }
    List<ParsedCue> srt =
        StrictSubtitleParser.srt(Files.readString(folder.resolve("会议 notes.srt")));
    // 20 columns: 10 Chinese characters a line, breaking after the punctuation where it can.
    assertThat(srt.get(0).lines()).containsExactly("大家好，欢迎参加今天", "的年度会议。");
    assertThat(srt.get(srt.size() - 1).endMs()).isEqualTo(8000);
    assertThat(StrictSubtitleParser.vtt(Files.readString(folder.resolve("会议 notes.vtt"))))
        .extracting(ParsedCue::lines)
        .isEqualTo(srt.stream().map(ParsedCue::lines).toList());
    // The run's working folder is removed at its end; the results stay.
    assertThat(new DataLayout(dataDir).runDir("run-zh")).doesNotExist();
    assertThat(ended).contains("run-zh completed");
  }

  @Test
  void aTranscriptFileWithWordTimingsIsKeptForATask() throws Exception {
    Path transcriptFile = dataDir.resolve("work/5/transcript.json");
    Files.createDirectories(transcriptFile.getParent());
    JSON.writeValue(transcriptFile.toFile(), wordTimed());

    Map<String, Object> outputs =
        run(
            "run-task",
            Map.of(
                "transcript",
                Map.of("key", "work/5/transcript.json"),
                "formats",
                List.of("vtt", "json"),
                "task_id",
                5,
                "highlight",
                true));

    Path folder = new DataLayout(dataDir).taskResultsDir(5).resolve("subtitles");
    assertThat(files(outputs))
        .extracting(f -> f.get("reference"))
        .containsExactly(
            "results/tasks/5/subtitles/会议 notes.vtt", "results/tasks/5/subtitles/会议 notes.json");
    List<ParsedCue> cues =
        StrictSubtitleParser.vtt(Files.readString(folder.resolve("会议 notes.vtt")));
    // Two-line cues of at most 20 columns, split between words; one frame per word and gap.
    assertThat(cues.get(0).lines()).containsExactly("<u>Good</u> morning,", "and welcome to the");
    assertThat(cues.get(0).endMs()).isEqualTo(400);
    assertThat(cues).filteredOn(c -> c.text().contains("<u>")).hasSize(8);
    assertThat(cues.get(cues.size() - 1).lines()).containsExactly("annual <u>meeting.</u>");
    assertThat(JSON.readValue(folder.resolve("会议 notes.json").toFile(), Transcript.class))
        .isEqualTo(wordTimed());
    assertThat(StoredSubtitles.list(new DataLayout(dataDir).taskResultsDir(5)))
        .extracting(StoredSubtitles.StoredFile::name)
        .containsExactly("会议 notes.json", "会议 notes.vtt");
  }

  @Test
  void theTranscribeOutputsTranscriptFileIsPreferredForItsWords() throws Exception {
    Path transcriptFile = dataDir.resolve("work/runs/other/transcript.json");
    Files.createDirectories(transcriptFile.getParent());
    JSON.writeValue(transcriptFile.toFile(), wordTimed());
    Map<String, Object> transcribeOutput =
        Map.of(
            "text", "ignored",
            "segments", List.of(Map.of("id", 1, "start", 0.0, "end", 4.0, "text", " ignored")),
            "transcript", Map.of("key", "work/runs/other/transcript.json"));

    run("run-words", Map.of("transcript", transcribeOutput, "highlight", true));

    String srt =
        Files.readString(
            new DataLayout(dataDir).runResultsDir("run-words").resolve("subtitles/会议 notes.srt"));
    assertThat(StrictSubtitleParser.srt(srt).get(0).text())
        .isEqualTo("<u>Good</u> morning, and welcome to the");
  }

  @Test
  void highlightingWithoutWordTimingsFailsTheStepWithTheReason() {
    Map<String, Object> noWords =
        Map.of("segments", List.of(Map.of("id", 1, "start", 0.0, "end", 1.0, "text", " Hi")));

    Throwable thrown =
        catchThrowable(() -> run("run-bad", Map.of("transcript", noWords, "highlight", true)));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(Failures.RUN_FAILED);
    assertThat(failure.getOriginalMessage())
        .startsWith("Step 'subs' failed:")
        .contains("'highlight_words' needs word timings");
    assertThat(new DataLayout(dataDir).runResultsDir("run-bad")).doesNotExist();
  }

  @Test
  void anUnknownFormatOrATranscriptOutsideTheDataDirectoryFailsTheStep() throws Exception {
    Throwable badFormat =
        catchThrowable(
            () ->
                run(
                    "run-fmt",
                    Map.of(
                        "transcript",
                        Map.of("segments", List.of()),
                        "formats",
                        List.of("srt", "ass"))));
    assertThat(((ApplicationFailure) badFormat.getCause()).getOriginalMessage())
        .contains(
            "Invalid value 'ass' for parameter 'formats'; allowed values: srt, vtt, txt, tsv, json");

    Path outside = Files.createTempFile("transcript", ".json");
    try {
      Throwable escaped =
          catchThrowable(
              () ->
                  run(
                      "run-out",
                      Map.of("transcript", Map.of("key", "../" + outside.getFileName()))));
      assertThat(((ApplicationFailure) escaped.getCause()).getOriginalMessage())
          .contains("not a storage key");
    } finally {
      Files.deleteIfExists(outside);
    }
  }
}
