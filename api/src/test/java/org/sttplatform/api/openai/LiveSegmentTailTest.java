package org.sttplatform.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.workflows.model.LiveSegment;

/** Tailing the live segment file: complete lines only, each id once, across a restarted file. */
class LiveSegmentTailTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static String line(int id, String text) throws IOException {
    return JSON.writeValueAsString(new LiveSegment(id, id, id + 1, text)) + "\n";
  }

  static void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  static List<String> texts(List<LiveSegment> segments) {
    return segments.stream().map(LiveSegment::text).toList();
  }

  @Test
  void aMissingFileReadsAsNothingNew() {
    LiveSegmentTail tail = new LiveSegmentTail(dir.resolve("segments-1.jsonl"));
    assertThat(tail.poll()).isEmpty();
    assertThat(tail.lastId()).isZero();
  }

  @Test
  void eachPollTakesTheLinesCompletedSinceTheLastOne() throws IOException {
    Path file = dir.resolve("segments-1.jsonl");
    LiveSegmentTail tail = new LiveSegmentTail(file);
    String second = line(2, " b");
    append(file, line(1, " a") + second.substring(0, 10)); // the second is being written
    assertThat(texts(tail.poll())).containsExactly(" a");
    assertThat(tail.poll()).isEmpty();
    append(file, second.substring(10) + line(3, " c"));
    assertThat(texts(tail.poll())).containsExactly(" b", " c");
    assertThat(tail.lastId()).isEqualTo(3);
    assertThat(tail.poll()).isEmpty();
  }

  @Test
  void aRetriedAttemptRewritingTheFileFromTheStartSendsNoSegmentTwice() throws IOException {
    Path file = dir.resolve("segments-1.jsonl");
    LiveSegmentTail tail = new LiveSegmentTail(file);
    append(file, line(1, " a") + line(2, " b") + line(3, " c"));
    assertThat(texts(tail.poll())).containsExactly(" a", " b", " c");

    // the next attempt starts the file again: shorter than what was read
    Files.writeString(file, line(1, " a"));
    assertThat(tail.poll()).isEmpty();
    append(file, line(2, " b") + line(3, " c") + line(4, " d"));
    assertThat(texts(tail.poll())).containsExactly(" d");

    // restarted again, and already longer than the offset when seen (a longer first segment):
    // the offset falls inside a line, which does not parse; the ids taken are skipped
    Files.writeString(
        file, line(1, " " + "long".repeat(20)) + line(2, " b") + line(3, " c") + line(4, " d"));
    append(file, line(5, " e"));
    assertThat(texts(tail.poll())).containsExactly(" e");
    assertThat(tail.lastId()).isEqualTo(5);
  }

  @Test
  void linesThatDoNotParseOrSkipAnIdAreIgnored() throws IOException {
    Path file = dir.resolve("segments-1.jsonl");
    LiveSegmentTail tail = new LiveSegmentTail(file);
    append(file, "not json\n" + line(2, " two") + "\n" + line(1, " one") + line(2, " two"));
    assertThat(texts(tail.poll())).containsExactly(" one", " two");
  }

  @Test
  void aLineLongerThanOneReadIsSkippedAndTheNextOnesStillCome() throws IOException {
    Path file = dir.resolve("segments-1.jsonl");
    LiveSegmentTail tail = new LiveSegmentTail(file);
    append(file, "x".repeat(LiveSegmentTail.MAX_READ + 10) + "\n" + line(1, " a"));
    List<LiveSegment> taken = tail.poll();
    for (int i = 0; i < 3 && taken.isEmpty(); i++) {
      taken = tail.poll();
    }
    assertThat(texts(taken)).containsExactly(" a");
  }
}
