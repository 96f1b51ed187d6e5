package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.gpu.testmodel.TestModelGenerator.Preset;
import org.sttplatform.workflows.model.Transcript;

/**
 * beam_size on real whisper.cpp v1.7.1 (bundled CPU build, generated micro model): the params of
 * every whisper_full call, read back from native memory, select beam search with the asked width,
 * for one call, for clips and for chunks; and whisper.cpp itself acts on them: it counts beam_size
 * decoders only under the beam-search strategy, which its "too many decoders" check makes visible
 * (a deterministic observable; outputs and timings are not).
 */
class BeamSearchTest {

  private static final int RATE = WhisperCppRecognizer.SAMPLE_RATE;

  @TempDir static Path dir;
  static WhisperCppRecognizer recognizer;
  static float[] speech;

  /** {strategy, greedy.best_of, beam_search.beam_size} of each whisper_full call. */
  final List<int[]> calls = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    Path model = dir.resolve("ggml-micro.bin");
    TestModelGenerator.generate(Preset.MICRO, model, 42);
    speech = TestAudio.speak("Beam search keeps several hypotheses of the text.", dir);
    recognizer =
        WhisperCppRecognizer.load(
            model, WhisperOptions.defaults().withThreads(AbstractWhisperCppRecognizerTest.THREADS));
  }

  @AfterAll
  static void tearDown() {
    if (recognizer != null) {
      recognizer.close();
    }
  }

  @AfterEach
  void resetKnobs() {
    recognizer.beforeWhisperFull = null;
    recognizer.chunkSamples = WhisperCppRecognizer.DEFAULT_CHUNK_SECONDS * RATE;
  }

  static RecognitionSettings settings(List<double[]> clips) {
    return new RecognitionSettings(
        "en",
        false,
        List.of(0.0, 0.2),
        2.4,
        0.6,
        true,
        null,
        false,
        null,
        null,
        clips,
        null,
        AbstractWhisperCppRecognizerTest.THREADS);
  }

  /** Records each call's search fields as the struct whisper.cpp receives holds them. */
  void record() {
    recognizer.beforeWhisperFull =
        p -> {
          p.write();
          Pointer m = p.getPointer();
          calls.add(new int[] {m.getInt(0), m.getInt(136), m.getInt(140)});
        };
  }

  @Test
  void beamSizeTwoRunsWhisperCppsBeamSearchWithTwoBeams() {
    record();
    Transcript t =
        recognizer.recognize(speech, settings(List.of()).withSearch(2, 5, null), null, null);

    assertThat(t.engine()).isEqualTo("whisper.cpp");
    assertThat(t.duration()).isEqualTo(speech.length / (double) RATE);
    assertThat(calls)
        .singleElement()
        .satisfies(
            c -> assertThat(c).containsExactly(WhisperNative.WHISPER_SAMPLING_BEAM_SEARCH, 5, 2));
  }

  @Test
  void clipsAndChunksAllRunTheBeamSearch() {
    record();
    recognizer.chunkSamples = 2 * RATE; // the speech (~3 s) becomes several pieces
    double end = speech.length / (double) RATE;
    List<double[]> clips = List.of(new double[] {0, end / 2}, new double[] {end / 2, end});

    recognizer.recognize(speech, settings(List.of()).withSearch(3, 2, null), null, null);
    recognizer.recognize(speech, settings(clips).withSearch(3, 2, null), null, null);

    assertThat(calls).hasSizeGreaterThan(2);
    assertThat(calls)
        .allSatisfy(
            c -> assertThat(c).containsExactly(WhisperNative.WHISPER_SAMPLING_BEAM_SEARCH, 2, 3));
  }

  @Test
  void withoutBeamSizeOrWithABeamOfOneTheCallsAreGreedy() {
    record();
    Transcript greedy = recognizer.recognize(speech, settings(List.of()), null, null);
    Transcript beamOfOne =
        recognizer.recognize(speech, settings(List.of()).withSearch(1, 5, null), null, null);

    assertThat(calls)
        .hasSize(2)
        .allSatisfy(
            c -> assertThat(c).containsExactly(WhisperNative.WHISPER_SAMPLING_GREEDY, 5, -1));
    assertThat(beamOfOne.text()).as("greedy decoding is deterministic").isEqualTo(greedy.text());
  }

  @Test
  void whisperCppCountsBeamSizeDecodersOnlyUnderTheBeamStrategyWeSet() {
    // The beam width is raised past WHISPER_MAX_DECODERS behind the Java check's back.
    recognizer.beforeWhisperFull = p -> p.beam_search.beam_size = 9;

    assertThatThrownBy(
            () ->
                recognizer.recognize(
                    speech, settings(List.of()).withSearch(2, 5, null), null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("code -4")
        .hasMessageContaining("too many decoders requested (9), max = 8");

    // Greedy decoding runs best_of (5) decoders whatever beam_size holds: the same 9 is harmless.
    Transcript greedy = recognizer.recognize(speech, settings(List.of()), null, null);
    assertThat(greedy.engine()).isEqualTo("whisper.cpp");
  }
}
