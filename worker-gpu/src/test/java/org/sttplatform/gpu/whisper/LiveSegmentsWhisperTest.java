package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.gpu.testmodel.TestModelGenerator.Preset;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;

/**
 * The segment listener of real whisper.cpp v1.7.1 (micro model, espeak-ng speech with pauses):
 * segments arrive while later windows are still to be decoded, and the segments handed over are
 * exactly the result's (id, times, text), after the no-speech rule, the hallucination filter and
 * across the pieces of a long file.
 */
class LiveSegmentsWhisperTest {
  static final int RATE = 16_000;

  @TempDir static Path dir;
  static WhisperCppRecognizer recognizer;
  static float[] audio;

  @BeforeAll
  static void setUp() throws Exception {
    Path model = dir.resolve("ggml-micro.bin");
    TestModelGenerator.generate(Preset.MICRO, model, 42);
    float[] speech = TestAudio.speak(AbstractWhisperCppRecognizerTest.SPEECH, dir);
    // four times the speech, each followed by 2 s of silence: longer than one 30 s window
    int one = speech.length + 2 * RATE;
    audio = new float[4 * one];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(speech, 0, audio, i * one, speech.length);
    }
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

  static RecognitionSettings settings(double noSpeechThreshold, Double hallucinationSilence) {
    return new RecognitionSettings(
        "en",
        false,
        List.of(0.0),
        2.4,
        noSpeechThreshold,
        true,
        null,
        true,
        null,
        null,
        List.of(),
        hallucinationSilence,
        AbstractWhisperCppRecognizerTest.THREADS);
  }

  /** A listener that also notes how many windows had been encoded at each segment. */
  static final class Recorder implements SegmentListener {
    final List<Segment> segments = new ArrayList<>();
    final List<Integer> windowsAt = new ArrayList<>();

    @Override
    public void onSegment(Segment segment) {
      segments.add(segment);
      windowsAt.add(recognizer.windowsEncoded.get());
    }
  }

  static void assertSameSegments(List<Segment> live, Transcript result) {
    assertThat(live).hasSameSizeAs(result.segments());
    for (int i = 0; i < live.size(); i++) {
      Segment a = live.get(i);
      Segment b = result.segments().get(i);
      assertThat(a.id()).isEqualTo(b.id()).isEqualTo(i + 1);
      assertThat(a.start()).isEqualTo(b.start());
      assertThat(a.end()).isEqualTo(b.end());
      assertThat(a.text()).isEqualTo(b.text());
    }
  }

  @Test
  void segmentsArriveWindowByWindowAndAreTheResultsSegments() {
    Recorder live = new Recorder();
    int windowsBefore = recognizer.windowsEncoded.get();
    // threshold 1.0: the no-speech rule never drops (no_speech_prob < 1), so every window counts
    Transcript t =
        recognizer.recognize(AudioSource.of(audio), settings(1.0, null), null, null, live);
    int windows = recognizer.windowsEncoded.get() - windowsBefore;

    assertThat(windows).isGreaterThan(1);
    assertThat(t.segments()).hasSizeGreaterThan(1);
    assertSameSegments(live.segments, t);
    // the first window's segments were handed over when the second window began, not at the end
    assertThat(live.windowsAt.get(0) - windowsBefore).isLessThan(windows);
  }

  @Test
  void theNoSpeechRuleAndTheHallucinationFilterApplyBeforeTheSegmentsAreHandedOver() {
    // a threshold between the windows' no_speech_prob values drops some windows, not all
    // (random weights: every avg_logprob is below -1, so the rule decides on no_speech_prob)
    List<Segment> all =
        recognizer.recognize(AudioSource.of(audio), settings(1.0, null), null, null).segments();
    double low = all.stream().mapToDouble(Segment::noSpeechProb).min().orElseThrow();
    double high = all.stream().mapToDouble(Segment::noSpeechProb).max().orElseThrow();
    assertThat(low).isLessThan(high);
    Recorder live = new Recorder();
    Transcript t =
        recognizer.recognize(
            AudioSource.of(audio), settings((low + high) / 2, null), null, null, live);
    assertThat(t.segments()).isNotEmpty().hasSizeLessThan(all.size());
    assertSameSegments(live.segments, t);

    Recorder filtered = new Recorder();
    Transcript h =
        recognizer.recognize(AudioSource.of(audio), settings(low / 2, 0.2), null, null, filtered);
    assertSameSegments(filtered.segments, h);
  }

  @Test
  void aLongFileIsHandedOverPieceByPieceWithRunningIdsAndShiftedTimes() {
    int chunk = recognizer.chunkSamples;
    recognizer.chunkSamples = 20 * RATE;
    try {
      Recorder live = new Recorder();
      Transcript t =
          recognizer.recognize(AudioSource.of(audio), settings(1.0, null), null, null, live);
      assertThat(t.segments().get(t.segments().size() - 1).start()).isGreaterThan(20.0);
      assertSameSegments(live.segments, t);
    } finally {
      recognizer.chunkSamples = chunk;
    }
  }
}
