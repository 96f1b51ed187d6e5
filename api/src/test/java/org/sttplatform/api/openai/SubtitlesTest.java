package org.sttplatform.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.Transcript;

class SubtitlesTest {
  private static Transcript.Segment segment(int id, double start, double end, String text) {
    return new Transcript.Segment(id, start, end, text, List.of(), -0.2, 1.1, 0.01, null);
  }

  private static final List<Transcript.Segment> SEGMENTS =
      List.of(
          segment(1, 0.0, 1.5, " Hello there."),
          segment(2, 1.5, 1.5, "   "),
          segment(3, 3661.001, 3662.25, " two\n\nlines --> arrow"));

  @Test
  void srtNumbersTheCuesWithTextAndUsesCommaMilliseconds() {
    assertThat(Subtitles.srt(SEGMENTS))
        .isEqualTo(
            """
            1
            00:00:00,000 --> 00:00:01,500
            Hello there.

            2
            01:01:01,001 --> 01:01:02,250
            two lines -> arrow

            """);
  }

  @Test
  void vttHasTheHeaderAndDotMilliseconds() {
    assertThat(Subtitles.vtt(SEGMENTS))
        .isEqualTo(
            """
            WEBVTT

            00:00:00.000 --> 00:00:01.500
            Hello there.

            01:01:01.001 --> 01:01:02.250
            two lines -> arrow

            """);
  }

  @Test
  void noSegmentsIsAnEmptyFile() {
    assertThat(Subtitles.srt(List.of())).isEmpty();
    assertThat(Subtitles.vtt(List.of())).isEqualTo("WEBVTT\n\n");
  }
}
