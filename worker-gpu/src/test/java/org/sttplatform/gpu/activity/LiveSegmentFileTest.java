package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.vad.SpeechRegion;
import org.sttplatform.gpu.vad.SpeechTimeline;
import org.sttplatform.workflows.model.LiveSegment;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;

/** The live segment file: one flushed JSON line per segment, VAD times mapped, restarted. */
class LiveSegmentFileTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Segment segment(int id, double start, double end, String text) {
    return new Segment(id, start, end, text, List.of(1, 2), -0.5, 1.2, 0.1, null);
  }

  static List<LiveSegment> lines(Path file) throws IOException {
    List<LiveSegment> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readValue(line, LiveSegment.class));
    }
    return out;
  }

  @Test
  void eachSegmentIsOneLineOnTheOriginalTimelineReadableBeforeTheFileIsClosed() throws IOException {
    // speech at 1-3 s and 5-6 s, decoded joined: joined 0-2 s is 1-3 s, joined 2-3 s is 5-6 s
    SpeechTimeline timeline =
        SpeechTimeline.of(
            List.of(new SpeechRegion(16_000, 48_000), new SpeechRegion(80_000, 96_000)));
    Segment first = segment(1, 0.5, 2.0, " Hello");
    Segment second = segment(2, 2.0, 2.5, " world, \"quoted\"\nline");
    Path file = dir.resolve("runs/task-7/segments-7.jsonl");
    try (LiveSegmentFile live = LiveSegmentFile.open(file, timeline)) {
      live.onSegment(first);
      // flushed per line: a reader sees it while the file is open
      assertThat(lines(file)).containsExactly(new LiveSegment(1, 1.5, 3.0, " Hello"));
      live.onSegment(second);
      assertThat(lines(file)).hasSize(2);
    }
    // the same times as the stored transcript's, which the whole transcript is mapped to
    Transcript mapped =
        timeline.toOriginal(new Transcript("", "en", 1, 3, "e", "m", 0, List.of(first, second)), 6);
    List<LiveSegment> expected = new ArrayList<>();
    for (Segment s : mapped.segments()) {
      expected.add(new LiveSegment(s.id(), s.start(), s.end(), s.text()));
    }
    assertThat(lines(file)).containsExactlyElementsOf(expected);
    assertThat(expected.get(1)).isEqualTo(new LiveSegment(2, 5.0, 5.5, second.text()));
  }

  @Test
  void anotherAttemptStartsTheFileAgainAndWithoutVadTimesAreKept() throws IOException {
    Path file = dir.resolve("segments-1.jsonl");
    try (LiveSegmentFile live = LiveSegmentFile.open(file, null)) {
      live.onSegment(segment(1, 0, 1, " a"));
      live.onSegment(segment(2, 1, 2, " b"));
    }
    try (LiveSegmentFile live = LiveSegmentFile.open(file, null)) {
      live.onSegment(segment(1, 0, 1.25, " c"));
    }
    assertThat(lines(file)).containsExactly(new LiveSegment(1, 0, 1.25, " c"));
  }

  @Test
  void aFileThatCannotBeWrittenIsSkippedWithoutFailingTheTranscription() throws IOException {
    Path notADir = Files.writeString(dir.resolve("plain"), "x");
    try (LiveSegmentFile live = LiveSegmentFile.open(notADir.resolve("segments-1.jsonl"), null)) {
      live.onSegment(segment(1, 0, 1, " a")); // no exception
    }
    assertThat(Files.readString(notADir)).isEqualTo("x");
  }
}
