package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Real whisper.cpp v1.7.1 (bundled CPU build) on a generated random-weight micro model and
 * espeak-ng speech. The model's text is meaningless; the tests check structure, callbacks and
 * concurrency.
 */
class WhisperCppRecognizerTest {

  static final String SPEECH =
      "The quick brown fox jumps over the lazy dog. Speech recognition turns spoken words into"
          + " text, and this sentence gives the model about ten seconds of audio to work on.";

  /**
   * One thread per call: the build machine is shared and ggml's OpenMP barriers spin, so two
   * threads on an oversubscribed machine can be 10x slower than one.
   */
  static final int THREADS = 1;

  @TempDir static Path dir;
  static Path model;
  static float[] speech;
  static WhisperCppRecognizer recognizer;

  @BeforeAll
  static void setUp() throws Exception {
    model = dir.resolve("ggml-micro.bin");
    TestModelGenerator.generate(Preset.MICRO, model, 42);
    speech = TestAudio.speak(SPEECH, dir);
    recognizer =
        WhisperCppRecognizer.load(
            model, WhisperOptions.defaults().withPoolSize(2).withThreads(THREADS));
  }

  @AfterAll
  static void tearDown() {
    if (recognizer != null) {
      recognizer.close();
    }
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
  void progressIncreasesUpTo100() {
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    recognizer.recognize(speech, settings("en", false), seen::add, () -> false);
    assertThat(seen).isNotEmpty().isSorted().doesNotHaveDuplicates();
    assertThat(seen.get(seen.size() - 1)).isEqualTo(100);
  }

  @Test
  void abortStopsQuicklyWithCancellation() {
    AtomicInteger polls = new AtomicInteger();
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () ->
                recognizer.recognize(
                    speech, settings("en", false), null, () -> polls.incrementAndGet() > 3))
        .isInstanceOf(CancellationException.class);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
    assertThat(polls.get()).isGreaterThan(3);
    // the state is still usable afterwards
    assertStructure(recognizer.recognize(speech, settings("en", false), null, null));
  }

  @Test
  void abortBeforeStartThrowsAtOnce() {
    assertThatThrownBy(() -> recognizer.recognize(speech, settings("en", false), null, () -> true))
        .isInstanceOf(CancellationException.class);
  }

  @Test
  void twoConcurrentCallsOnOneModelBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      RecognitionSettings s = settings("en", false);
      Future<Transcript> a = pool.submit(() -> recognizer.recognize(speech, s, null, null));
      Future<Transcript> b = pool.submit(() -> recognizer.recognize(speech, s, null, null));
      Transcript ta = a.get(60, TimeUnit.SECONDS);
      Transcript tb = b.get(60, TimeUnit.SECONDS);
      assertStructure(ta);
      assertStructure(tb);
      assertThat(ta.segments()).isEqualTo(tb.segments()); // same input, deterministic decode
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noSpeechDecodeDoesNotChangeWhisperOutput() {
    // three copies: about 36 s, so whisper_full decodes a second window after the extra decode
    float[] longer = new float[speech.length * 3];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(speech, 0, longer, i * speech.length, speech.length);
    }
    RecognitionSettings s = settings("en", true);
    Transcript with = recognizer.recognize(longer, s, null, null);
    recognizer.computeNoSpeech = false;
    Transcript without;
    try {
      without = recognizer.recognize(longer, s, null, null);
    } finally {
      recognizer.computeNoSpeech = true;
    }
    assertThat(with.segments().get(with.segments().size() - 1).end()).isGreaterThan(30.0);
    assertThat(with.segments()).hasSameSizeAs(without.segments());
    for (int i = 0; i < with.segments().size(); i++) {
      Segment a = with.segments().get(i);
      Segment b = without.segments().get(i);
      assertThat(a.text()).isEqualTo(b.text());
      assertThat(a.tokens()).isEqualTo(b.tokens());
      assertThat(a.start()).isEqualTo(b.start());
      assertThat(a.end()).isEqualTo(b.end());
      assertThat(a.avgLogprob()).isEqualTo(b.avgLogprob());
      assertThat(a.words()).isEqualTo(b.words());
    }
  }

  static RecognitionSettings noSpeech(double threshold) {
    return new RecognitionSettings(
        "en",
        false,
        List.of(0.0),
        2.4,
        threshold,
        true,
        null,
        false,
        null,
        null,
        List.of(),
        null,
        THREADS);
  }

  static float[] threeTimes(float[] audio) {
    float[] longer = new float[audio.length * 3];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(audio, 0, longer, i * audio.length, audio.length);
    }
    return longer;
  }

  @Test
  void noSpeechThresholdDropsWindowsThatLookSilent() {
    Transcript kept = recognizer.recognize(speech, noSpeech(1.0), null, null);
    assertThat(kept.segments()).isNotEmpty();
    // random weights: every token is unlikely (avg_logprob < -1) and no_speech_prob is above 0
    assertThat(kept.segments())
        .allSatisfy(
            s -> {
              assertThat(s.avgLogprob()).isLessThan(-1.0);
              assertThat(s.noSpeechProb()).isGreaterThan(0.0).isLessThan(1.0);
            });

    Transcript dropped = recognizer.recognize(speech, noSpeech(0.0), null, null);
    assertThat(dropped.segments()).isEmpty();
    assertThat(dropped.text()).isEmpty();

    // a confident window (avg_logprob above logprob_threshold) is kept however likely silence is
    recognizer.logprobThreshold = -100.0;
    try {
      assertThat(recognizer.recognize(speech, noSpeech(0.0), null, null).segments())
          .isEqualTo(kept.segments());
    } finally {
      recognizer.logprobThreshold = -1.0;
    }
  }

  @Test
  void noSpeechIsDecodedAndJudgedOncePerWindow() {
    float[] longer = threeTimes(speech); // about 36 s: two windows
    int decodes = recognizer.noSpeechDecodes.get();
    int windows = recognizer.windowsEncoded.get();
    Transcript all = recognizer.recognize(longer, noSpeech(1.0), null, null);
    decodes = recognizer.noSpeechDecodes.get() - decodes;
    windows = recognizer.windowsEncoded.get() - windows;

    assertThat(windows).isGreaterThan(1);
    assertThat(all.segments()).hasSizeGreaterThan(windows);
    assertThat(decodes).isEqualTo(windows);

    // segments of one window share its no_speech_prob: group them by it
    Map<Double, List<Segment>> byWindow = new LinkedHashMap<>();
    for (Segment s : all.segments()) {
      byWindow.computeIfAbsent(s.noSpeechProb(), k -> new ArrayList<>()).add(s);
    }
    assertThat(byWindow).hasSize(windows);
    List<Double> probs = byWindow.keySet().stream().sorted().toList();
    double top = probs.get(probs.size() - 1);
    double threshold = (top + probs.get(probs.size() - 2)) / 2; // only the top window is above
    List<Segment> target = byWindow.get(top);
    double sum = 0;
    int tokens = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (Segment s : target) {
      sum += s.avgLogprob() * s.tokens().size();
      tokens += s.tokens().size();
      best = Math.max(best, s.avgLogprob());
    }
    double windowLogprob = sum / tokens;
    assertThat(best).isGreaterThan(windowLogprob);

    // between the window's average and its best segment: the window is judged as a whole, so even
    // its segments whose own avg_logprob is above the threshold are dropped with it
    recognizer.logprobThreshold = (windowLogprob + best) / 2;
    Transcript filtered;
    try {
      filtered = recognizer.recognize(longer, noSpeech(threshold), null, null);
    } finally {
      recognizer.logprobThreshold = -1.0;
    }
    List<Segment> expected = new ArrayList<>(all.segments());
    expected.removeAll(target);
    assertThat(filtered.segments().stream().map(Segment::text).toList())
        .isEqualTo(expected.stream().map(Segment::text).toList());
    assertThat(filtered.segments().stream().map(Segment::start).toList())
        .isEqualTo(expected.stream().map(Segment::start).toList());
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
  void callersBeyondThePoolSizeWaitForAState() throws Exception {
    try (WhisperCppRecognizer single =
        WhisperCppRecognizer.load(model, WhisperOptions.defaults().withThreads(THREADS))) {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<Transcript>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          results.add(
              pool.submit(() -> single.recognize(speech, settings("en", false), null, null)));
        }
        for (Future<Transcript> f : results) {
          assertStructure(f.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void rejectsBadInputInJava() {
    assertThatThrownBy(() -> recognizer.recognize(new float[0], settings("en", false), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no audio");
    assertThatThrownBy(
            () -> recognizer.recognize(new float[] {Float.NaN}, settings("en", false), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> recognizer.recognize(speech, settings("xx", false), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("language");
  }

  @Test
  void shortAudioGivesAnEmptyTranscript() {
    Transcript t = recognizer.recognize(new float[8000], settings("en", false), null, null);
    assertThat(t.segments()).isEmpty();
    assertThat(t.text()).isEmpty();
    assertThat(t.duration()).isEqualTo(0.5);
  }

  @Test
  void nonModelFilesGiveCleanExceptions() throws IOException {
    Path text = dir.resolve("not-a-model.bin");
    Files.writeString(text, "this is not a whisper model, just some text");
    assertThatThrownBy(() -> WhisperCppRecognizer.load(text, WhisperOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("magic");
    assertThatThrownBy(
            () -> WhisperCppRecognizer.load(dir.resolve("missing.bin"), WhisperOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);

    // an F32 header would make whisper.cpp 1.7.1 abort the JVM: refused before native code
    Path f32 = dir.resolve("f32.bin");
    Files.copy(model, f32);
    try (var ch = Files.newByteChannel(f32, StandardOpenOption.WRITE)) {
      ch.position(4 + 10 * 4);
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0));
    }
    assertThatThrownBy(() -> WhisperCppRecognizer.load(f32, WhisperOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftype 0");

    // a valid model followed by an unknown tensor: whisper.cpp itself rejects it (returns NULL)
    Path bogus = dir.resolve("bogus.bin");
    Files.copy(model, bogus);
    byte[] name = "bogus.weight".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(16 + name.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putInt(name.length).putInt(0).putInt(1).put(name).putFloat(1f);
    try (OutputStream out = Files.newOutputStream(bogus, StandardOpenOption.APPEND)) {
      out.write(b.array());
    }
    assertThatThrownBy(() -> WhisperCppRecognizer.load(bogus, WhisperOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot load model")
        .hasMessageContaining("bogus.weight");
  }
}
