package org.sttplatform.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.activities.subtitles.StrictSubtitleParser;
import org.sttplatform.activities.subtitles.StrictSubtitleParser.ParsedCue;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.workflows.model.Transcript;

/**
 * {@code response_format=srt|vtt} in OpenAI's shape, written by the subtitle library: one cue per
 * segment with text, at the segment's times (not its words'), its text on one line however long,
 * WebVTT cues without identifiers; read back by the tests' strict, independent parser.
 */
class SubtitlesTest {
  private static final String LONG =
      " This segment is much longer than the forty-two columns a shaped cue line allows, and"
          + " it stays on one line.";

  private static Transcript.Segment segment(
      int id, double start, double end, String text, List<Transcript.Word> words) {
    return new Transcript.Segment(id, start, end, text, List.of(), -0.2, 1.1, 0.01, words);
  }

  private static final Transcript TRANSCRIPT =
      new Transcript(
          "…",
          "en",
          0.9,
          3700.0,
          "whisper.cpp",
          "base",
          1.0,
          List.of(
              // Word timings inside the segment: the cue keeps the segment's times.
              segment(
                  1,
                  0.0,
                  1.5,
                  " Hello there.",
                  List.of(
                      new Transcript.Word(0.2, 0.6, " Hello", 0.9),
                      new Transcript.Word(0.7, 1.1, " there.", 0.9))),
              segment(2, 1.5, 1.5, "   ", null),
              segment(3, 2.0, 9.0, LONG, null),
              segment(4, 3661.001, 3662.25, " two\n\nlines --> a < b & c", null)));

  private static String write(SubtitleFormat format) {
    return new String(OpenAiBodies.subtitles(TRANSCRIPT, format), StandardCharsets.UTF_8);
  }

  @Test
  void srtHasOneNumberedCuePerSegmentWithTextOnOneLine() {
    String srt = write(SubtitleFormat.SRT);

    assertThat(srt)
        .isEqualTo(
            "1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n"
                + "2\n00:00:02,000 --> 00:00:09,000\n"
                + LONG.strip()
                + "\n\n"
                + "3\n01:01:01,001 --> 01:01:02,250\ntwo lines -> a < b & c\n\n");
    List<ParsedCue> cues = StrictSubtitleParser.srt(srt);
    assertThat(cues).extracting(ParsedCue::number).containsExactly(1, 2, 3);
    assertThat(cues).extracting(ParsedCue::startMs).containsExactly(0L, 2000L, 3_661_001L);
    assertThat(cues).extracting(ParsedCue::endMs).containsExactly(1500L, 9000L, 3_662_250L);
    assertThat(cues).allSatisfy(c -> assertThat(c.lines()).hasSize(1));
  }

  @Test
  void vttHasTheHeaderAndCuesWithoutIdentifiersAndEscapesMarkup() {
    String vtt = write(SubtitleFormat.VTT);

    assertThat(vtt)
        .startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello there.\n\n")
        .endsWith("01:01:01.001 --> 01:01:02.250\ntwo lines --&gt; a &lt; b &amp; c\n\n");
    List<ParsedCue> cues = StrictSubtitleParser.vttWithoutIdentifiers(vtt);
    assertThat(cues)
        .extracting(ParsedCue::text)
        .containsExactly("Hello there.", LONG.strip(), "two lines --> a < b & c");
    assertThat(cues).extracting(ParsedCue::startMs).containsExactly(0L, 2000L, 3_661_001L);
  }

  @Test
  void noSegmentsIsAnEmptyFile() {
    Transcript empty = new Transcript("", "en", 0.9, 0.0, "whisper.cpp", "base", 0.0, List.of());

    assertThat(OpenAiBodies.subtitles(empty, SubtitleFormat.SRT)).isEmpty();
    assertThat(
            new String(OpenAiBodies.subtitles(empty, SubtitleFormat.VTT), StandardCharsets.UTF_8))
        .isEqualTo("WEBVTT\n\n");
  }
}
