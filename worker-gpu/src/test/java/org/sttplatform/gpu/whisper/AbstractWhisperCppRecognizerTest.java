package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.sttplatform.gpu.SharedTestDir;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.gpu.testmodel.TestModelGenerator.Preset;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;

/**
 * Real whisper.cpp v1.7.1 (bundled CPU build) on a generated random-weight micro model and
 * espeak-ng speech. The model's text is meaningless; the tests check structure, callbacks and
 * concurrency.
 *
 * <p>The model, the speech and the loaded recognizer are made once per JVM and shared by the
 * subclasses, so that splitting the tests over classes does not repeat the setup.
 */
abstract class AbstractWhisperCppRecognizerTest {

  static final String SPEECH =
      "The quick brown fox jumps over the lazy dog. Speech recognition turns spoken words into"
          + " text, and this sentence gives the model about ten seconds of audio to work on.";

  /**
   * One thread per call: the build machine is shared and ggml's OpenMP barriers spin, so two
   * threads on an oversubscribed machine can be 10x slower than one.
   */
  static final int THREADS = 1;

  static Path dir;
  static Path model;
  static float[] speech;
  static WhisperCppRecognizer recognizer;

  /**
   * Made by the first test class of the JVM and kept for the others: the fields stay set, the
   * directory is removed when the JVM exits, and the recognizer (a micro model, two states) is
   * freed with the process.
   */
  @BeforeAll
  static synchronized void setUp() throws Exception {
    if (recognizer != null) {
      return;
    }
    dir = SharedTestDir.create("whisper-recognizer-test");
    model = dir.resolve("ggml-micro.bin");
    TestModelGenerator.generate(Preset.MICRO, model, 42);
    speech = TestAudio.speak(SPEECH, dir);
    recognizer =
        WhisperCppRecognizer.load(
            model, WhisperOptions.defaults().withPoolSize(2).withThreads(THREADS));
  }

  static RecognitionSettings settings(String language, boolean words) {
    return new RecognitionSettings(
        language, false, List.of(0.0), 2.4, 0.6, true, null, words, null, null, List.of(), null, 2);
  }

  static double duration() {
    return speech.length / 16000.0;
  }

  static void assertStructure(Transcript t) {
    assertThat(t.engine()).isEqualTo("whisper.cpp");
    assertThat(t.model()).isEqualTo("micro");
    assertThat(t.duration()).isEqualTo(duration());
    assertThat(t.engineSeconds()).isPositive();
    assertThat(t.language()).isNotBlank();
    assertThat(t.languageProbability()).isGreaterThan(0).isLessThanOrEqualTo(1);
    assertThat(t.segments()).isNotEmpty();
    assertThat(t.text()).doesNotContain("  ").isEqualTo(t.text().strip());
    for (int i = 0; i < t.segments().size(); i++) {
      Segment s = t.segments().get(i);
      assertThat(s.id()).isEqualTo(i + 1);
      assertThat(s.start()).isBetween(0.0, duration());
      assertThat(s.end()).isBetween(s.start(), duration());
      assertThat(s.avgLogprob()).isLessThanOrEqualTo(0);
      assertThat(s.noSpeechProb()).isBetween(0.0, 1.0);
      assertThat(s.compressionRatio()).isPositive();
      assertThat(s.tokens()).allSatisfy(id -> assertThat(id).isBetween(0, 50256));
    }
  }
}
