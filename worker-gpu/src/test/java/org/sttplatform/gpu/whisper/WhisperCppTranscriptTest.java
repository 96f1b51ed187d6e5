package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;
import org.sttplatform.workflows.model.Transcript.Word;

/**
 * The transcript whisper.cpp gives: language detection, every segment field, word timestamps,
 * clips, and decode settings passed through.
 */
class WhisperCppTranscriptTest extends AbstractWhisperCppRecognizerTest {

  @Test
  void detectsLanguageAndFillsEverySegmentField() {
    Transcript t = recognizer.recognize(speech, settings(null, false), p -> {}, () -> false);
    assertStructure(t);
    assertThat(t.segments()).allSatisfy(s -> assertThat(s.words()).isNull());
    assertThat(t.segments().get(0).tokens()).isNotEmpty();
    assertThat(t.segments().get(0).noSpeechProb()).isGreaterThan(0);
  }

  @Test
  void givenLanguageIsReportedWithProbabilityOne() {
    Transcript t = recognizer.recognize(speech, settings("de", false), null, null);
    assertStructure(t);
    assertThat(t.language()).isEqualTo("de");
    assertThat(t.languageProbability()).isEqualTo(1.0);
  }

  @Test
  void wordTimestampsGiveOrderedWordsInsideTheirSegments() {
    Transcript t = recognizer.recognize(speech, settings("en", true), null, null);
    assertStructure(t);
    int words = 0;
    for (Segment s : t.segments()) {
      assertThat(s.words()).isNotNull();
      double prev = s.start();
      for (Word w : s.words()) {
        assertThat(w.word()).isNotEmpty();
        assertThat(w.start()).isBetween(s.start(), s.end()).isGreaterThanOrEqualTo(prev);
        assertThat(w.end()).isBetween(w.start(), s.end());
        assertThat(w.probability()).isBetween(0.0, 1.0);
        prev = w.start();
        words++;
      }
      String joined = String.join("", s.words().stream().map(Word::word).toList());
      assertThat(joined.strip()).isEqualTo(s.text().strip());
    }
    assertThat(words).isGreaterThan(1);
  }

  @Test
  void clipsAreTranscribedSeparatelyAndRenumbered() {
    double d = duration();
    RecognitionSettings s =
        new RecognitionSettings(
            "en",
            false,
            List.of(0.0),
            2.4,
            0.6,
            false,
            null,
            false,
            null,
            null,
            List.of(new double[] {0, d / 2}, new double[] {d / 2, d + 5}),
            1.0,
            THREADS);
    Transcript t = recognizer.recognize(speech, s, null, null);
    assertStructure(t);
    assertThat(t.segments().stream().map(Segment::start).toList()).isSorted();
    assertThat(t.segments())
        .anySatisfy(seg -> assertThat(seg.start()).isGreaterThanOrEqualTo(d / 2));
  }

  @Test
  void fallbackTemperaturesInitialPromptAndTranslatePassThrough() {
    RecognitionSettings s =
        new RecognitionSettings(
            null,
            true,
            List.of(0.0, 0.5, 1.0),
            1.5,
            0.6,
            false,
            "Glossary: fox, dog.",
            true,
            "",
            "",
            List.of(),
            null,
            THREADS);
    Transcript t = recognizer.recognize(speech, s, null, null);
    assertStructure(t);
    assertThat(t.languageProbability()).isLessThan(1.0);
  }

  @Test
  void nullThresholdsAreDisabledNotRejected() {
    // DecodeSettings passes a null no_speech_threshold / compression_ratio_threshold as +infinity
    RecognitionSettings s =
        new RecognitionSettings(
            "en",
            false,
            List.of(0.0),
            Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            true,
            null,
            false,
            null,
            null,
            List.of(),
            0.0,
            THREADS);
    Transcript t = recognizer.recognize(speech, s, null, null);
    assertStructure(t);
  }

  @Test
  void shortAudioGivesAnEmptyTranscript() {
    Transcript t = recognizer.recognize(new float[8000], settings("en", false), null, null);
    assertThat(t.segments()).isEmpty();
    assertThat(t.text()).isEmpty();
    assertThat(t.duration()).isEqualTo(0.5);
  }
}
