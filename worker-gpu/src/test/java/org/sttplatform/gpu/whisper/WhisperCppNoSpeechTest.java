package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;

/**
 * The no-speech check: its extra decode leaves whisper's output unchanged, and a window that looks
 * silent is judged once, as a whole, and dropped.
 */
class WhisperCppNoSpeechTest extends AbstractWhisperCppRecognizerTest {

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
}
