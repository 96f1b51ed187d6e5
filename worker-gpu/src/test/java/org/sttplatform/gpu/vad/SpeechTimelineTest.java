package org.sttplatform.gpu.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.workflows.model.Transcript;

/** Joined speech spans and the way back to the original timeline. */
class SpeechTimelineTest {

  /** Sample i holds i, so where each joined sample came from can be read off. */
  private static AudioSource ramp(int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = i;
    }
    return AudioSource.of(s);
  }

  private static final SpeechTimeline TWO =
      SpeechTimeline.of(
          List.of(new SpeechRegion(16_000, 48_000), new SpeechRegion(80_000, 96_000)));

  @Test
  void theSourceJoinsTheSpansAcrossReads() throws Exception {
    AudioSource joined = TWO.source(ramp(160_000));
    assertThat(joined.sampleCount()).isEqualTo(48_000);
    float[] out = new float[4];
    joined.read(31_998, out, 0, 4); // two samples of each span
    assertThat(out).containsExactly(47_998f, 47_999f, 80_000f, 80_001f);
  }

  @Test
  void speechUnderOneSecondIsPaddedWithSilence() throws Exception {
    SpeechTimeline short_ = SpeechTimeline.of(List.of(new SpeechRegion(100, 4_100)));
    AudioSource joined = short_.source(ramp(20_000));
    assertThat(joined.sampleCount()).isEqualTo(16_000);
    float[] out = new float[3];
    joined.read(3_999, out, 0, 3);
    assertThat(out).containsExactly(4_099f, 0f, 0f);
    assertThat(short_.toOriginal(0.9, true)).isEqualTo(0.256); // 4 100 samples, to the ms
  }

  @Test
  void timesMapBackToTheOriginalTimeline() {
    assertThat(TWO.toOriginal(0.0, false)).isEqualTo(1.0);
    assertThat(TWO.toOriginal(1.5, false)).isEqualTo(2.5);
    // 2.0 s joined is the border: a start there is the second span's start, an end the first's end.
    assertThat(TWO.toOriginal(2.0, false)).isEqualTo(5.0);
    assertThat(TWO.toOriginal(2.0, true)).isEqualTo(3.0);
    assertThat(TWO.toOriginal(2.5, true)).isEqualTo(5.5);
    assertThat(TWO.toOriginal(9.0, true)).isEqualTo(6.0);
  }

  @Test
  void segmentsAndWordsAreMapped() {
    Transcript.Segment s =
        new Transcript.Segment(
            1,
            1.5,
            2.5,
            " hi there",
            List.of(1, 2),
            -0.2,
            1.1,
            0.01,
            List.of(
                new Transcript.Word(1.5, 2.0, " hi", 0.9),
                new Transcript.Word(2.0, 2.5, " there", 0.8)));
    Transcript t = new Transcript("hi there", "en", 0.9, 3.0, "whisper.cpp", "m", 1, List.of(s));
    Transcript back = TWO.toOriginal(t, 10.0);
    assertThat(back.duration()).isEqualTo(10.0);
    Transcript.Segment m = back.segments().get(0);
    assertThat(m.start()).isEqualTo(2.5);
    assertThat(m.end()).isEqualTo(5.5);
    assertThat(m.words().get(0).end()).isEqualTo(3.0);
    assertThat(m.words().get(1).start()).isEqualTo(5.0);
    assertThat(m.text()).isEqualTo(" hi there");
  }

  @Test
  void spansMustBeSortedAndDisjoint() {
    assertThatThrownBy(() -> SpeechTimeline.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SpeechTimeline.of(List.of(new SpeechRegion(10, 20), new SpeechRegion(15, 30))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
