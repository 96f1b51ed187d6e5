package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.gpu.testmodel.TestModelGenerator.Preset;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;
import org.sttplatform.workflows.model.Transcript.Word;

/**
 * Real whisper.cpp on the micro model over audio longer than one chunk: the chunk length is made
 * short (20 s) so that a minute of espeak-ng speech is cut into several pieces.
 */
class ChunkedWhisperTest {

  static final int RATE = 16_000;

  @TempDir static Path dir;
  static WhisperCppRecognizer recognizer;
  static float[] speech;

  @BeforeAll
  static void setUp() throws Exception {
    Path model = dir.resolve("ggml-micro.bin");
    TestModelGenerator.generate(Preset.MICRO, model, 42);
    speech = TestAudio.speak(AbstractWhisperCppRecognizerTest.SPEECH, dir);
    recognizer =
        WhisperCppRecognizer.load(
            model, WhisperOptions.defaults().withThreads(AbstractWhisperCppRecognizerTest.THREADS));
    recognizer.chunkSamples = 20 * RATE;
  }

  @AfterAll
  static void tearDown() {
    if (recognizer != null) {
      recognizer.close();
    }
  }

  /** {@code copies} times the speech, each followed by 2 s of silence. */
  static float[] speechWithPauses(int copies) {
    int one = speech.length + 2 * RATE;
    float[] out = new float[copies * one];
    for (int i = 0; i < copies; i++) {
      System.arraycopy(speech, 0, out, i * one, speech.length);
    }
    return out;
  }

  static RecognitionSettings settings(boolean condition, String prompt) {
    return new RecognitionSettings(
        "en",
        false,
        List.of(0.0),
        2.4,
        0.6,
        condition,
        prompt,
        true,
        null,
        null,
        List.of(),
        null,
        AbstractWhisperCppRecognizerTest.THREADS);
  }

  @Test
  void aFileLongerThanOneChunkGivesContinuousTimesRunningIdsAndWordsInsideSegments() {
    float[] audio = speechWithPauses(5); // about 60 s: three or four pieces
    double duration = audio.length / (double) RATE;
    List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
    int encodedBefore = recognizer.windowsEncoded.get();
    Transcript t = recognizer.recognize(audio, settings(true, "A talk."), progress::add, null);

    assertThat(recognizer.windowsEncoded.get() - encodedBefore).isGreaterThanOrEqualTo(3);
    assertThat(t.duration()).isEqualTo(duration);
    assertThat(t.text()).isNotBlank();
    assertThat(t.segments()).isNotEmpty();
    assertThat(t.segments().get(t.segments().size() - 1).start())
        .as("segments come from pieces after the first border")
        .isGreaterThan(20.0);
    double prevStart = 0;
    for (int i = 0; i < t.segments().size(); i++) {
      Segment s = t.segments().get(i);
      assertThat(s.id()).isEqualTo(i + 1);
      assertThat(s.start()).isGreaterThanOrEqualTo(prevStart);
      assertThat(s.end()).isBetween(s.start(), duration);
      assertThat(s.words()).isNotNull();
      for (Word w : s.words()) {
        assertThat(w.start()).isBetween(s.start(), s.end());
        assertThat(w.end()).isBetween(w.start(), s.end());
      }
      prevStart = s.start();
    }
    assertThat(progress).isSorted().doesNotHaveDuplicates().contains(100);
    assertThat(progress.size()).isGreaterThan(3);
  }

  @Test
  void withoutConditioningOnPreviousTextLongAudioIsTranscribedToo() {
    Transcript t =
        recognizer.recognize(speechWithPauses(3), settings(false, "A talk."), null, null);
    assertThat(t.segments()).isNotEmpty();
    assertThat(t.segments()).extracting(Segment::id).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aStopRequestedWhileALongFileRunsEndsTheCallWithinTwoSeconds() {
    float[] audio = speechWithPauses(50); // about 10 minutes: far longer than 2 s of work
    AtomicLong stopAt = new AtomicLong();
    List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
    assertThatThrownBy(
            () ->
                recognizer.recognize(
                    audio,
                    settings(true, null),
                    p -> {
                      progress.add(p);
                      // ask to stop once the engine is inside the second piece
                      if (p >= 4) {
                        stopAt.compareAndSet(0, System.nanoTime());
                      }
                    },
                    () -> stopAt.get() != 0))
        .isInstanceOf(CancellationException.class);
    long returned = System.nanoTime();
    assertThat(stopAt.get()).isNotZero();
    assertThat((returned - stopAt.get()) / 1e9).isLessThan(2.0);
    assertThat(progress).doesNotContain(100).allSatisfy(p -> assertThat(p).isLessThan(50));
    // the state is usable afterwards
    assertThat(recognizer.recognize(speech, settings(true, null), null, null).segments())
        .isNotEmpty();
  }
}
