package org.sttplatform.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A transcript's text from its segments: whisper's leading spaces and line breaks made single. */
class TranscriptTextTest {
  private static Transcript.Segment segment(int id, String text) {
    return new Transcript.Segment(id, id, id + 1, text, List.of(), -0.2, 1.1, 0.01, null);
  }

  @Test
  void joinsTheSegmentsTextsWithSingleSpacesTrimmed() {
    List<Transcript.Segment> segments =
        List.of(segment(1, " Hello,"), segment(2, "  world.\n"), segment(3, "\t你好 。 "));

    assertThat(Transcript.textOf(segments)).isEqualTo("Hello, world. 你好 。");
    assertThat(Transcript.textOf(List.of())).isEmpty();
  }
}
