package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.TaskRecords.task;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.activities.subtitles.StoredSubtitles;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.activities.subtitles.SubtitleOptions;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.Transcript;
import tools.jackson.databind.JsonNode;

/** {@code generate_subtitles} and the stored subtitle files over HTTP. */
class SubtitlesEndpointTest extends WebTestBase {
  static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

  /** Cue blocks of a whole SRT or VTT body: number, timing line, text lines, blank line. */
  private static final String TIME = "(\\d{2,}):([0-5]\\d):([0-5]\\d)[,.](\\d{3})";

  private static final Pattern CUE =
      Pattern.compile("(\\d+)\\n" + TIME + " --> " + TIME + "\\n((?:[^\\n]+\\n)+)\\n");

  record Parsed(int number, long start, long end, List<String> lines) {}

  /** The cues, requiring the body to be nothing but well-formed cues after the header. */
  static List<Parsed> cues(String body, String header, char separator) {
    assertThat(body).startsWith(header);
    List<Parsed> cues = new ArrayList<>();
    Matcher m = CUE.matcher(body);
    int at = header.length();
    while (at < body.length()) {
      assertThat(m.find(at) && m.start() == at).as("cue at offset " + at + ": " + body).isTrue();
      assertThat(m.group(0).split("\n")[1]).contains(String.valueOf(separator));
      cues.add(
          new Parsed(
              Integer.parseInt(m.group(1)),
              millis(m, 2),
              millis(m, 6),
              List.of(m.group(10).split("\n"))));
      at = m.end();
    }
    for (int i = 0; i < cues.size(); i++) {
      assertThat(cues.get(i).number()).isEqualTo(i + 1);
      assertThat(cues.get(i).start()).isLessThanOrEqualTo(cues.get(i).end());
    }
    return cues;
  }

  private static long millis(Matcher m, int g) {
    return ((Long.parseLong(m.group(g)) * 60 + Long.parseLong(m.group(g + 1))) * 60
                + Long.parseLong(m.group(g + 2)))
            * 1000
        + Long.parseLong(m.group(g + 3));
  }

  static final Transcript SPOKEN =
      new Transcript(
          "Hello everyone, and welcome. 今天我们讨论人工智能在医疗领域的应用前景，特别是在影像诊断方面。",
          "en",
          0.9,
          9.0,
          "whisper.cpp",
          "base",
          1.0,
          List.of(
              new Transcript.Segment(
                  1,
                  0.5,
                  2.5,
                  " Hello everyone, and welcome.",
                  List.of(),
                  -0.2,
                  1.1,
                  0.01,
                  List.of(
                      new Transcript.Word(0.5, 0.9, " Hello", 0.9),
                      new Transcript.Word(1.0, 1.6, " everyone,", 0.9),
                      new Transcript.Word(1.7, 1.9, " and", 0.9),
                      new Transcript.Word(2.0, 2.5, " welcome.", 0.9))),
              new Transcript.Segment(
                  2,
                  3.0,
                  9.0,
                  "今天我们讨论人工智能在医疗领域的应用前景，特别是在影像诊断方面。",
                  List.of(),
                  -0.3,
                  1.0,
                  0.02,
                  null)));

  static TaskRecord completed(long id, Transcript result, String fileName) {
    TaskRecord t = task(id, TaskStatus.COMPLETED, TaskPriority.NORMAL, T0, result, null);
    return new TaskRecord(
        t.id(),
        t.status(),
        t.stage(),
        t.progress(),
        t.taskType(),
        t.priority(),
        t.engineName(),
        t.modelName(),
        t.platform(),
        t.callbackUrl(),
        t.callbackStatusCode(),
        t.callbackMessage(),
        t.callbackTime(),
        t.callbackAttempts(),
        t.callbackState(),
        t.createdAt(),
        t.updatedAt(),
        t.startedAt(),
        t.completedAt(),
        t.taskProcessingTime(),
        t.filePath(),
        t.fileUrl(),
        fileName,
        t.fileSizeBytes(),
        t.fileDuration(),
        t.language(),
        t.decodeOptions(),
        t.result(),
        t.errorMessage(),
        null);
  }

  static String header(Reply r, String name) {
    return r.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  @Test
  void srtIsADownloadNamedAfterTheMedia() {
    store.put(completed(7, SPOKEN, "meeting.mp4"));

    Reply r = get("/api/whisper/generate_subtitles?task_id=7&output_format=srt");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(header(r, "Content-Type"))
        .isEqualToIgnoringCase("application/x-subrip;charset=UTF-8");
    assertThat(header(r, "Content-Disposition")).isEqualTo("attachment; filename=\"meeting.srt\"");
    List<Parsed> cues = cues(r.body(), "", ',');
    assertThat(cues.get(0).lines()).containsExactly("Hello everyone, and welcome.");
    assertThat(cues.get(0).start()).isEqualTo(500);
    assertThat(cues.get(0).end()).isEqualTo(2500);
    // The Chinese segment (no word timings): 31 characters in 42-column lines, 2 lines a cue.
    List<String> chinese =
        cues.subList(1, cues.size()).stream().flatMap(c -> c.lines().stream()).toList();
    assertThat(String.join("", chinese)).isEqualTo(SPOKEN.segments().get(1).text());
    assertThat(chinese.get(0)).isEqualTo("今天我们讨论人工智能在医疗领域的应用前景，");
    assertThat(cues.get(cues.size() - 1).end()).isEqualTo(9000);
  }

  @Test
  void srtIsTheDefaultFormatAndAcceptDoesNotTurnItIntoJson() {
    store.put(completed(8, SPOKEN, null));

    Reply r =
        send(
            HttpRequest.newBuilder(URI.create(url("/api/whisper/generate_subtitles?task_id=8")))
                .header("Accept", "application/json")
                .GET());

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(header(r, "Content-Type")).startsWith("application/x-subrip");
    assertThat(header(r, "Content-Disposition")).isEqualTo("attachment; filename=\"task_8.srt\"");
    assertThat(cues(r.body(), "", ',')).isNotEmpty();
    Reply blank = get("/api/whisper/generate_subtitles?task_id=8&output_format=");
    assertThat(header(blank, "Content-Type")).startsWith("application/x-subrip");
    assertThat(blank.body()).isEqualTo(r.body());
  }

  @Test
  void everyFormatHasItsContentTypeAndExtension() {
    store.put(completed(9, SPOKEN, "talk.final.mp3"));
    Map<String, String> types =
        Map.of(
            "srt", "application/x-subrip",
            "vtt", "text/vtt",
            "txt", "text/plain",
            "tsv", "text/tab-separated-values",
            "json", "application/json");
    for (Map.Entry<String, String> e : types.entrySet()) {
      Reply r = get("/api/whisper/generate_subtitles?task_id=9&output_format=" + e.getKey());
      assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(200);
      assertThat(header(r, "Content-Type")).isEqualToIgnoringCase(e.getValue() + ";charset=UTF-8");
      assertThat(header(r, "Content-Disposition"))
          .isEqualTo("attachment; filename=\"talk.final." + e.getKey() + "\"");
    }
    Reply vtt =
        get(
            "/api/whisper/generate_subtitles?task_id=9&output_format=VTT&max_line_width=20&max_line_count=1");
    List<Parsed> cues = cues(vtt.body(), "WEBVTT\n\n", '.');
    assertThat(cues).allSatisfy(c -> assertThat(c.lines()).hasSize(1));
    assertThat(cues.get(0).lines()).containsExactly("Hello everyone,");

    Reply tsv = get("/api/whisper/generate_subtitles?task_id=9&output_format=tsv");
    assertThat(tsv.body().lines().toList())
        .containsExactly(
            "start\tend\ttext",
            "500\t2500\tHello everyone, and welcome.",
            "3000\t9000\t" + SPOKEN.segments().get(1).text());

    Reply txt = get("/api/whisper/generate_subtitles?task_id=9&output_format=txt");
    assertThat(txt.body())
        .isEqualTo("Hello everyone, and welcome.\n" + SPOKEN.segments().get(1).text() + "\n");

    Reply json = get("/api/whisper/generate_subtitles?task_id=9&output_format=json");
    JsonNode result = json.json();
    assertThat(result.get("text").asString()).isEqualTo(SPOKEN.text());
    assertThat(result.get("segments").get(0).get("words").get(1).get("word").asString())
        .isEqualTo(" everyone,");
  }

  @Test
  void highlightWordsGivesOneCuePerWord() {
    store.put(completed(10, SPOKEN, "a.wav"));

    Reply r =
        get("/api/whisper/generate_subtitles?task_id=10&output_format=vtt&highlight_words=true");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Parsed> cues = cues(r.body(), "WEBVTT\n\n", '.');
    assertThat(cues.subList(0, 3))
        .extracting(c -> String.join(" / ", c.lines()))
        .containsExactly(
            "<u>Hello</u> everyone, and welcome.",
            "Hello everyone, and welcome.",
            "Hello <u>everyone,</u> and welcome.");
    assertThat(cues.get(2).start()).isEqualTo(1000);
    assertThat(cues.get(2).end()).isEqualTo(1600);
  }

  @Test
  void aNonAsciiMediaNameIsSentAsFilenameStar() {
    store.put(completed(11, SPOKEN, "会议记录 第1部分.mp4"));

    Reply r = get("/api/whisper/generate_subtitles?task_id=11&output_format=vtt");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String cd = header(r, "Content-Disposition");
    Matcher m =
        Pattern.compile(
                "attachment; filename=\"([\\x20-\\x7e]+)\"; filename\\*=UTF-8''([A-Za-z0-9%!#$&+.^_`|~-]+)")
            .matcher(cd);
    assertThat(m.matches()).as(cd).isTrue();
    assertThat(m.group(1)).isEqualTo("____ _1__.vtt");
    assertThat(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)).isEqualTo("会议记录 第1部分.vtt");
  }

  @Test
  void invalidParametersAre400NamingTheAllowedValues() {
    store.put(completed(12, SPOKEN, "a.wav"));
    store.put(completed(13, TaskRecords.TRANSCRIPT_WITHOUT_WORDS, "b.wav"));

    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&output_format=ass"),
        400,
        "Invalid value 'ass' for parameter 'output_format'; allowed values: srt, vtt, txt, tsv, json");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&max_line_width=0"),
        400,
        "'max_line_width'; expected an integer between 1 and 1000");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&max_line_count=abc"),
        400,
        "'max_line_count'; expected an integer between 1 and 10");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&max_cue_duration=-1"),
        400,
        "'max_cue_duration'");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&highlight_words=sometimes"),
        400,
        "'highlight_words'; allowed values: true, false");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=13&output_format=srt&highlight_words=true"),
        400,
        "needs word timings");
    assertError(get("/api/whisper/generate_subtitles?task_id=x1"), 400, "'task_id'");
    assertError(get("/api/whisper/generate_subtitles"), 400, "'task_id'");
  }

  @Test
  void anUnknownTaskIs404() {
    assertError(get("/api/whisper/generate_subtitles?task_id=404"), 404, TaskResults.MSG_NOT_FOUND);
  }

  @Test
  void aTaskThatIsNotCompletedIs409NamingItsStatus() {
    store.put(task(20, TaskStatus.QUEUED, T0));
    store.put(task(21, TaskStatus.PROCESSING, T0));
    store.put(task(22, TaskStatus.FAILED, TaskPriority.NORMAL, T0, null, "bad media"));

    for (Object[] c : new Object[][] {{20, "queued"}, {21, "processing"}, {22, "failed"}}) {
      Reply r = get("/api/whisper/generate_subtitles?task_id=" + c[0]);
      assertError(r, 409, "task " + c[0] + " is " + c[1]);
      assertThat(r.detail().get("status").asString()).isEqualTo(c[1]);
      assertThat(r.detail().get("task_id").asLong()).isEqualTo(((Integer) c[0]).longValue());
    }
    // As the result endpoint says: a queued row whose workflow has started is processing.
    store.put(task(23, TaskStatus.QUEUED, T0));
    workflows.progress.put(23L, new TaskProgress("downloading", 0.05));
    Reply started = get("/api/whisper/generate_subtitles?task_id=23");
    assertError(started, 409, "task 23 is processing");
    assertThat(started.detail().get("stage").asString()).isEqualTo("downloading");
    assertThat(started.detail().get("progress").asDouble()).isEqualTo(0.05);
  }

  @Test
  void storedSubtitleFilesAreListedDownloadedAndDeletedWithTheTask() throws Exception {
    store.put(completed(30, SPOKEN, "meeting.mp4"));
    Path results = new DataLayout(DATA_DIR).taskResultsDir(30);
    List<StoredSubtitles.StoredFile> written =
        StoredSubtitles.write(
            SPOKEN,
            List.of(SubtitleFormat.SRT, SubtitleFormat.VTT),
            SubtitleOptions.defaults(),
            results,
            "会议 1");

    Reply listed = get("/api/whisper/tasks/subtitles?task_id=30");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    JsonNode files = listed.data().get("files");
    assertThat(files.size()).isEqualTo(2);
    assertThat(files.get(0).get("name").asString()).isEqualTo("会议 1.srt");
    assertThat(files.get(0).get("format").asString()).isEqualTo("srt");
    assertThat(files.get(0).get("size").asLong()).isEqualTo(written.get(0).size());
    String downloadUrl = files.get(1).get("download_url").asString();
    assertThat(downloadUrl)
        .isEqualTo(
            url(
                "/api/whisper/tasks/subtitles/download?task_id=30&name=%E4%BC%9A%E8%AE%AE%201.vtt"));

    Reply file = send(HttpRequest.newBuilder(URI.create(downloadUrl)).GET());
    assertThat(file.status()).isEqualTo(200);
    assertThat(header(file, "Content-Type")).isEqualToIgnoringCase("text/vtt;charset=UTF-8");
    assertThat(file.body()).isEqualTo(Files.readString(written.get(1).path()));
    cues(file.body(), "WEBVTT\n\n", '.');

    assertError(get("/api/whisper/tasks/subtitles/download?task_id=30&name=x.srt"), 404, "x.srt");
    assertError(
        get("/api/whisper/tasks/subtitles/download?task_id=30&name=..%2F..%2Fsqlite.db"),
        404,
        "no stored");
    assertError(get("/api/whisper/tasks/subtitles?task_id=31"), 404, TaskResults.MSG_NOT_FOUND);

    store.put(completed(32, SPOKEN, "none.mp4"));
    Reply none = get("/api/whisper/tasks/subtitles?task_id=32");
    assertThat(none.data().get("files").size()).isZero();

    assertThat(delete("/api/whisper/tasks/delete?task_id=30").status()).isEqualTo(200);
    assertThat(results).doesNotExist();
  }

  @Test
  void theEndpointsAreDocumentedInChineseAndEnglish() {
    JsonNode paths = get("/openapi.json").json().get("paths");
    for (String path :
        List.of(
            "/api/whisper/generate_subtitles",
            "/api/whisper/tasks/subtitles",
            "/api/whisper/tasks/subtitles/download")) {
      JsonNode op = paths.get(path).get("get");
      assertThat(op.get("tags").get(0).asString()).isEqualTo("Whisper-Tasks");
      assertThat(op.get("summary").asString())
          .as(path)
          .containsPattern("\\p{IsHan}")
          .contains(" / ");
      for (JsonNode p : op.get("parameters")) {
        assertThat(p.get("description").asString())
            .as(path + " " + p.get("name").asString())
            .containsPattern("\\p{IsHan}")
            .contains(" / ");
      }
    }
    JsonNode generate = paths.get("/api/whisper/generate_subtitles").get("get");
    List<String> names = new ArrayList<>();
    generate.get("parameters").forEach(p -> names.add(p.get("name").asString()));
    assertThat(names)
        .containsExactly(
            "task_id",
            "output_format",
            "max_line_width",
            "max_line_count",
            "max_cue_duration",
            "highlight_words");
    assertThat(generate.get("responses").get("200").get("content").propertyNames())
        .contains("application/x-subrip", "text/vtt", "text/tab-separated-values");
    assertThat(generate.get("responses").get("409")).isNotNull();
  }
}
