package org.sttplatform.activities.subtitles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sttplatform.activities.subtitles.SubtitleWriterTest.segment;
import static org.sttplatform.activities.subtitles.SubtitleWriterTest.transcript;
import static org.sttplatform.activities.subtitles.SubtitleWriterTest.write;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.sttplatform.activities.subtitles.StrictSubtitleParser.ParsedCue;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Word;

/**
 * {@link SubtitleOptions#perSegment()} (OpenAI's srt and vtt shape) and the SRT arrow escape, read
 * back by the strict parser.
 */
class CuePerSegmentTest {
  private static final String LONG =
      " 今天我们讨论人工智能在医疗领域的应用前景，特别是在影像诊断方面, and then some English words.";

  private static final Transcript SPOKEN =
      transcript(
          "en",
          segment(
              1,
              0.5,
              2.5,
              " Hello everyone, and welcome.",
              List.of(
                  new Word(0.7, 0.9, " Hello", 0.9),
                  new Word(1.0, 1.6, " everyone,", 0.9),
                  new Word(1.7, 1.9, " and", 0.9),
                  new Word(2.0, 2.4, " welcome.", 0.9))),
          segment(2, 3.0, 60.0, LONG, null),
          segment(3, 60.0, 61.0, " \t ", null));

  @Test
  void eachSegmentWithTextIsOneCueAtItsOwnTimesOnOneLine() {
    List<ParsedCue> cues =
        StrictSubtitleParser.srt(write(SPOKEN, SubtitleFormat.SRT, SubtitleOptions.perSegment()));

    assertThat(cues).hasSize(2);
    // The segment's times, not its first and last word's.
    assertThat(cues.get(0).startMs()).isEqualTo(500);
    assertThat(cues.get(0).endMs()).isEqualTo(2500);
    assertThat(cues.get(0).lines()).containsExactly("Hello everyone, and welcome.");
    // Wider than any line limit and longer than any cue limit: neither wrapped nor split.
    assertThat(cues.get(1).lines()).containsExactly(LONG.strip());
    assertThat(cues.get(1).endMs()).isEqualTo(60_000);
    // The shaped default wraps and splits the same transcript.
    assertThat(
            StrictSubtitleParser.srt(write(SPOKEN, SubtitleFormat.SRT, SubtitleOptions.defaults())))
        .hasSizeGreaterThan(2);
  }

  @Test
  void webVttCuesHaveNoIdentifiers() {
    String vtt = write(SPOKEN, SubtitleFormat.VTT, SubtitleOptions.perSegment());

    assertThat(vtt).startsWith("WEBVTT\n\n00:00:00.500 --> 00:00:02.500\nHello everyone,");
    assertThat(StrictSubtitleParser.vttWithoutIdentifiers(vtt))
        .extracting(ParsedCue::text)
        .containsExactly("Hello everyone, and welcome.", LONG.strip());
    // The default still numbers them.
    assertThat(
            StrictSubtitleParser.vtt(write(SPOKEN, SubtitleFormat.VTT, SubtitleOptions.defaults())))
        .first()
        .extracting(ParsedCue::number)
        .isEqualTo(1);
  }

  @Test
  void cuePerSegmentCannotHighlightWords() {
    assertThatThrownBy(() -> new SubtitleOptions(42, 2, null, true, true, false))
        .isInstanceOf(InvalidSubtitleRequest.class)
        .hasMessageContaining("highlight_words");
  }

  @Test
  void anSrtTextLineNeverHoldsTheTimingArrow() {
    Transcript t = transcript("en", segment(1, 0.0, 2.0, " if a < b && c > d --> e", null));

    for (SubtitleOptions o : List.of(SubtitleOptions.defaults(), SubtitleOptions.perSegment())) {
      String srt = write(t, SubtitleFormat.SRT, o);
      assertThat(srt).contains("if a < b && c > d -> e");
      assertThat(StrictSubtitleParser.srt(srt)).hasSize(1);
    }
  }

  @Test
  void timesAreAsciiDigitsWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
    try {
      assertThat(SubtitleWriter.timestamp(3_723_004, ',')).isEqualTo("01:02:03,004");
    } finally {
      Locale.setDefault(before);
    }
  }
}
