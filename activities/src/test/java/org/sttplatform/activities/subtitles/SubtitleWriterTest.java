package org.sttplatform.activities.subtitles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sttplatform.activities.subtitles.StrictSubtitleParser.ParsedCue;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;
import org.sttplatform.workflows.model.Transcript.Word;

class SubtitleWriterTest {
  private static final Pattern WIDE =
      Pattern.compile(
          "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\x{3000}-\\x{303F}\\x{FF01}-\\x{FF60}]");

  static Segment segment(int id, double start, double end, String text, List<Word> words) {
    return new Segment(id, start, end, text, List.of(), -0.2, 1.2, 0.01, words);
  }

  static Transcript transcript(String language, Segment... segments) {
    StringBuilder text = new StringBuilder();
    for (Segment s : segments) {
      text.append(s.text());
    }
    double end = segments.length == 0 ? 0 : segments[segments.length - 1].end();
    return new Transcript(
        text.toString().strip(), language, 0.9, end, "whisper.cpp", "base", 1.0, List.of(segments));
  }

  static String write(Transcript t, SubtitleFormat f, SubtitleOptions o) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SubtitleWriter.write(t, f, o, out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Columns as the test counts them: CJK and full-width characters are two. */
  static int columns(String line) {
    Matcher m = WIDE.matcher(line);
    int wide = 0;
    while (m.find()) {
      wide++;
    }
    return line.codePointCount(0, line.length()) + wide;
  }

  static final String ENGLISH =
      " The quick brown fox jumps over the lazy dog while the farmer, who had seen it all"
          + " before, kept on ploughing the long field until the sun went down behind the hills.";

  @Test
  void longEnglishTextWrapsIntoTwoLineCuesThatKeepEveryWordInOrder() {
    Transcript t = transcript("en", segment(0, 0.0, 12.0, ENGLISH, null));

    List<ParsedCue> cues =
        StrictSubtitleParser.srt(write(t, SubtitleFormat.SRT, SubtitleOptions.defaults()));

    assertThat(cues).hasSizeGreaterThan(1);
    assertThat(cues.get(0).number()).isEqualTo(1);
    for (ParsedCue c : cues) {
      assertThat(c.lines()).hasSizeBetween(1, 2);
      assertThat(c.lines()).allSatisfy(l -> assertThat(columns(l)).isLessThanOrEqualTo(42));
    }
    assertThat(String.join(" ", cues.stream().map(ParsedCue::text).toList()))
        .isEqualTo(ENGLISH.strip());
    // Times spread over the segment by characters: contiguous, from its start to its end.
    assertThat(cues.get(0).startMs()).isZero();
    assertThat(cues.get(cues.size() - 1).endMs()).isEqualTo(12_000);
    for (int i = 1; i < cues.size(); i++) {
      assertThat(cues.get(i).startMs()).isEqualTo(cues.get(i - 1).endMs());
    }
    // No punctuation in the first line's second half: it is filled up to the limit.
    assertThat(cues.get(0).lines().get(0)).isEqualTo("The quick brown fox jumps over the lazy");
  }

  @Test
  void aLineBreaksAfterPunctuationInItsSecondHalfRatherThanAtTheLimit() {
    Transcript t =
        transcript(
            "en",
            segment(0, 0, 4, " We met all the targets, so the board approved it today.", null));

    List<ParsedCue> cues =
        StrictSubtitleParser.srt(write(t, SubtitleFormat.SRT, SubtitleOptions.defaults()));

    assertThat(cues).hasSize(1);
    assertThat(cues.get(0).lines())
        .containsExactly("We met all the targets,", "so the board approved it today.");
  }

  @Test
  void wideLinesAndOneLineCuesFollowTheOptions() {
    Transcript t = transcript("en", segment(0, 0.0, 12.0, ENGLISH, null));
    SubtitleOptions oneLine =
        SubtitleOptions.from(Map.of("max_line_width", "20", "max_line_count", 1));

    List<ParsedCue> cues = StrictSubtitleParser.vtt(write(t, SubtitleFormat.VTT, oneLine));

    assertThat(cues).allSatisfy(c -> assertThat(c.lines()).hasSize(1));
    assertThat(cues).allSatisfy(c -> assertThat(columns(c.text())).isLessThanOrEqualTo(20));
    assertThat(String.join(" ", cues.stream().map(ParsedCue::text).toList()))
        .isEqualTo(ENGLISH.strip());
    assertThat(cues).anyMatch(c -> c.text().equals("kept on ploughing"));
  }

  static final String CHINESE =
      "我们今天讨论的话题非常重要，" // 14 characters including the comma
          + "因为它关系到每一个人的未来发展。"
          + "今天我们讨论人工智能在医疗领域的应用前景，"
          + "特别是在影像诊断和药物研发方面取得的重大进展。"
          + "专家认为未来十年内这些技术将会深刻改变整个行业的面貌！"
          + "你怎么看？";

  @Test
  void chineseWithoutSpacesWrapsByCharactersAndPrefersBreakingAfterPunctuation() {
    Transcript t = transcript("zh", segment(1, 5.0, 25.0, CHINESE, null));

    List<ParsedCue> cues =
        StrictSubtitleParser.srt(write(t, SubtitleFormat.SRT, SubtitleOptions.defaults()));

    List<String> lines = cues.stream().flatMap(c -> c.lines().stream()).toList();
    assertThat(lines).allSatisfy(l -> assertThat(columns(l)).isLessThanOrEqualTo(42));
    assertThat(lines).noneMatch(l -> l.matches("^[，。！？、；：].*"));
    assertThat(String.join("", lines)).isEqualTo(CHINESE);
    // 21 characters (42 columns) would fit; the line ends at the comma in its second half.
    assertThat(lines.get(0)).isEqualTo("我们今天讨论的话题非常重要，");
    assertThat(lines.get(1)).isEqualTo("因为它关系到每一个人的未来发展。");
    assertThat(lines.get(2)).isEqualTo("今天我们讨论人工智能在医疗领域的应用前景，");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("整个行业的面貌！你怎么看？");
    assertThat(cues.get(0).startMs()).isEqualTo(5000);
    assertThat(cues.get(cues.size() - 1).endMs()).isEqualTo(25_000);
    for (ParsedCue c : cues) {
      assertThat(c.startMs()).isLessThan(c.endMs());
    }
  }

  @Test
  void chineseWithoutPunctuationBreaksAtTheWidthLimit() {
    String text = "一二三四五六七八九十".repeat(5);
    Transcript t = transcript("zh", segment(1, 0.0, 10.0, text, null));
    SubtitleOptions narrow =
        SubtitleOptions.from(Map.of("max_line_width", 16, "max_line_count", 1));

    List<ParsedCue> cues = StrictSubtitleParser.srt(write(t, SubtitleFormat.SRT, narrow));

    assertThat(cues).extracting(ParsedCue::text).startsWith("一二三四五六七八", "九十一二三四五六");
    assertThat(cues).hasSize(7);
    // 50 characters over 10 s: 8 characters are 1.6 s.
    assertThat(cues.get(0).endMs()).isEqualTo(1600);
    assertThat(cues.get(6).text()).isEqualTo("九十");
  }

  static List<Word> words(double start, double step, String... texts) {
    List<Word> words = new ArrayList<>();
    double t = start;
    for (String w : texts) {
      words.add(new Word(t, t + step * 0.8, w, 0.9));
      t += step;
    }
    return words;
  }

  static final String[] SPOKEN = {
    " Hello", " everyone,", " and", " welcome", " to", " the", " quarterly", " results", " call."
  };

  @Test
  void wordTimingsDecideCueTimesAndBreaksFallOnWordBoundaries() {
    List<Word> ws = words(1.0, 0.5, SPOKEN);
    Transcript t = transcript("en", segment(1, 1.0, 5.5, String.join("", SPOKEN), ws));
    SubtitleOptions o = SubtitleOptions.from(Map.of("max_line_width", "20", "max_line_count", "1"));

    List<ParsedCue> cues = StrictSubtitleParser.srt(write(t, SubtitleFormat.SRT, o));

    assertThat(cues)
        .extracting(ParsedCue::text)
        .containsExactly("Hello everyone,", "and welcome to the", "quarterly results", "call.");
    // Each cue runs from its first word's start to its last word's end.
    assertThat(cues.get(0).startMs()).isEqualTo(1000);
    assertThat(cues.get(0).endMs()).isEqualTo(1900);
    assertThat(cues.get(1).startMs()).isEqualTo(2000);
    assertThat(cues.get(1).endMs()).isEqualTo(3900);
    assertThat(cues.get(3).startMs()).isEqualTo(5000);
    assertThat(cues.get(3).endMs()).isEqualTo(5400);
  }

  @Test
  void maxCueDurationSplitsLongCuesBetweenWords() {
    List<Word> ws = words(0.0, 1.0, SPOKEN);
    Transcript t = transcript("en", segment(1, 0.0, 9.0, String.join("", SPOKEN), ws));
    SubtitleOptions o = SubtitleOptions.from(Map.of("max_cue_duration", 2.5));

    List<ParsedCue> cues = StrictSubtitleParser.vtt(write(t, SubtitleFormat.VTT, o));

    assertThat(cues).allSatisfy(c -> assertThat(c.endMs() - c.startMs()).isLessThanOrEqualTo(2500));
    assertThat(cues)
        .extracting(ParsedCue::text)
        .containsExactly("Hello everyone,", "and welcome", "to the", "quarterly results", "call.");
  }

  @Test
  void highlightWordsUnderlinesEachWordInItsOwnCueAndFillsTheGaps() {
    List<Word> ws =
        List.of(
            new Word(1.0, 1.4, " Good", 0.9),
            new Word(1.6, 2.0, " morning,", 0.9),
            new Word(2.0, 2.5, " Ana!", 0.9));
    Transcript t = transcript("en", segment(1, 1.0, 2.5, " Good morning, Ana!", ws));
    SubtitleOptions o = SubtitleOptions.from(Map.of("highlight_words", "true"));

    List<ParsedCue> srt = StrictSubtitleParser.srt(write(t, SubtitleFormat.SRT, o));
    List<ParsedCue> vtt = StrictSubtitleParser.vtt(write(t, SubtitleFormat.VTT, o));

    for (List<ParsedCue> cues : List.of(srt, vtt)) {
      assertThat(cues)
          .extracting(ParsedCue::text)
          .containsExactly(
              "<u>Good</u> morning, Ana!",
              "Good morning, Ana!",
              "Good <u>morning,</u> Ana!",
              "Good morning, <u>Ana!</u>");
      assertThat(cues).extracting(ParsedCue::startMs).containsExactly(1000L, 1400L, 1600L, 2000L);
      assertThat(cues).extracting(ParsedCue::endMs).containsExactly(1400L, 1600L, 2000L, 2500L);
    }
  }

  @Test
  void highlightWordsKeepsTheLinesOfATwoLineCue() {
    List<Word> ws = words(0.0, 0.5, SPOKEN);
    Transcript t = transcript("en", segment(1, 0.0, 4.5, String.join("", SPOKEN), ws));
    SubtitleOptions o =
        SubtitleOptions.from(
            Map.of("highlight_words", true, "max_line_width", 20, "max_line_count", 2));

    List<ParsedCue> cues = StrictSubtitleParser.srt(write(t, SubtitleFormat.SRT, o));

    assertThat(cues.get(0).lines()).containsExactly("<u>Hello</u> everyone,", "and welcome to the");
    assertThat(cues.get(1).lines()).containsExactly("Hello everyone,", "and welcome to the");
    assertThat(cues.get(10).lines())
        .containsExactly("Hello everyone,", "and welcome to <u>the</u>");
    for (ParsedCue c : cues) {
      assertThat(c.text().split("<u>", -1)).hasSizeLessThanOrEqualTo(2);
    }
    long underlined = cues.stream().filter(c -> c.text().contains("<u>")).count();
    assertThat(underlined).isEqualTo(SPOKEN.length);
  }

  @Test
  void highlightWordsWithoutWordTimingsIsRefused() {
    Transcript t = transcript("en", segment(1, 0.0, 2.0, " No words here", null));
    SubtitleOptions o = SubtitleOptions.from(Map.of("highlight_words", "true"));

    assertThatThrownBy(() -> write(t, SubtitleFormat.SRT, o))
        .isInstanceOf(InvalidSubtitleRequest.class)
        .hasMessageContaining("highlight_words")
        .hasMessageContaining("word_timestamps=true");
    // Formats without cues ignore it.
    assertThat(write(t, SubtitleFormat.TXT, o)).isEqualTo("No words here\n");
  }

  @Test
  void cuesAreNumberedFromOneTrimmedAndBlankSegmentsLeaveNoEmptyCue() {
    Transcript t =
        transcript(
            "en",
            segment(0, 0.0, 1.0, "  First.  ", null),
            segment(1, 1.0, 2.0, "   ", null),
            segment(2, 2.0, 3.0, "", List.of(new Word(2.0, 2.5, " ", 0.5))),
            segment(3, 3.0, 4.5, " Second\tline\n here", null));

    String srt = write(t, SubtitleFormat.SRT, SubtitleOptions.defaults());
    List<ParsedCue> cues = StrictSubtitleParser.srt(srt);

    assertThat(cues).extracting(ParsedCue::number).containsExactly(1, 2);
    assertThat(cues).extracting(ParsedCue::text).containsExactly("First.", "Second line here");
    assertThat(srt)
        .isEqualTo(
            "1\n00:00:00,000 --> 00:00:01,000\nFirst.\n\n2\n00:00:03,000 --> 00:00:04,500\nSecond"
                + " line here\n\n");
  }

  @Test
  void timesPastNinetyNineHoursKeepTheirDigits() {
    Transcript t = transcript("en", segment(1, 360_000.5, 360_001.25, " Late.", null));

    assertThat(write(t, SubtitleFormat.SRT, SubtitleOptions.defaults()))
        .contains("100:00:00,500 --> 100:00:01,250");
    List<ParsedCue> vtt =
        StrictSubtitleParser.vtt(write(t, SubtitleFormat.VTT, SubtitleOptions.defaults()));
    assertThat(vtt.get(0).startMs()).isEqualTo(360_000_500L);
    assertThat(SubtitleWriter.timestamp(3_723_004, '.')).isEqualTo("01:02:03.004");
  }

  @Test
  void webVttEscapesMarkupCharactersThatSrtKeeps() {
    Transcript t = transcript("en", segment(1, 0.0, 2.0, " if a < b && c > d --> e", null));

    String vtt = write(t, SubtitleFormat.VTT, SubtitleOptions.defaults());
    assertThat(vtt).contains("if a &lt; b &amp;&amp; c &gt; d --&gt; e");
    assertThat(StrictSubtitleParser.vtt(vtt).get(0).text()).isEqualTo("if a < b && c > d --> e");
  }

  @Test
  void txtAndTsvWriteOneTrimmedSegmentALine() {
    Transcript t =
        transcript(
            "en",
            segment(0, 0.0, 1.2345, " Hello\tthere. ", null),
            segment(1, 1.5, 1.5, " ", null),
            segment(2, 2.0, 3.9996, " 你好，世界。", null));

    assertThat(write(t, SubtitleFormat.TXT, SubtitleOptions.defaults()))
        .isEqualTo("Hello there.\n你好，世界。\n");
    String tsv = write(t, SubtitleFormat.TSV, SubtitleOptions.defaults());
    List<String[]> rows = tsv.lines().map(l -> l.split("\t", -1)).toList();
    assertThat(rows.get(0)).containsExactly("start", "end", "text");
    assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r).hasSize(3));
    assertThat(rows.get(1)).containsExactly("0", "1235", "Hello there.");
    assertThat(rows.get(2)).containsExactly("2000", "4000", "你好，世界。");
  }

  @Test
  void jsonIsTheTranscriptItself() throws Exception {
    Transcript t =
        transcript(
            "zh",
            segment(1, 0.0, 1.6, "你好", List.of(new Word(0.0, 1.6, "你好", 0.93))),
            segment(2, 1.6, 3.2, "世界", null));

    String json = write(t, SubtitleFormat.JSON, SubtitleOptions.defaults());

    assertThat(new ObjectMapper().readValue(json, Transcript.class)).isEqualTo(t);
    assertThat(new ObjectMapper().readTree(json).has("vad")).isFalse();
  }

  @Test
  void aThreeHourTranscriptIsWrittenInSmallPieces() throws IOException {
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < 5400; i++) {
      segments.add(segment(i, i * 2.0, i * 2.0 + 1.9, " Sentence number " + i + " is here.", null));
    }
    Transcript t = transcript("en", segments.toArray(Segment[]::new));
    StringBuilder all = new StringBuilder();
    int[] largest = {0};
    Writer sink =
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) {
            largest[0] = Math.max(largest[0], len);
            all.append(buf, off, len);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };

    SubtitleWriter.write(t, SubtitleFormat.SRT, SubtitleOptions.defaults(), sink);

    assertThat(largest[0]).isLessThan(1000);
    List<ParsedCue> cues = StrictSubtitleParser.srt(all.toString());
    assertThat(cues).hasSize(5400);
    assertThat(cues.get(5399).startMs()).isEqualTo(10_798_000L);
    assertThat(cues.get(5399).text()).isEqualTo("Sentence number 5399 is here.");
  }

  @Test
  void writingToAWriterLeavesItOpen() throws IOException {
    StringWriter out = new StringWriter();
    Transcript t = transcript("en", segment(1, 0.0, 1.0, " One.", null));
    SubtitleWriter.write(t, SubtitleFormat.JSON, SubtitleOptions.defaults(), out);
    out.write("after");
    assertThat(out.toString()).endsWith("}after");
  }
}
