package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.TaskRecords.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.web.WebTestBase.Reply;
import org.sttplatform.workflows.model.Transcript;

/**
 * A completed task with a spoken transcript (English with word timings, Chinese without) and strict
 * readers of the SRT and VTT bodies the subtitle endpoints answer.
 */
final class SubtitleFixtures {
  private SubtitleFixtures() {}

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
}
