package org.sttplatform.gpu.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** faster-whisper's region rules on hand-made probabilities (one per 512-sample window). */
class SpeechSegmenterTest {

  private static final int W = 512;

  private static List<SpeechRegion> regions(VadParameters p, float... probabilities) {
    SpeechSegmenter s = new SpeechSegmenter(p, W);
    for (float f : probabilities) {
      s.accept(f);
    }
    return s.finish((long) probabilities.length * W);
  }

  private static float[] speechAt(int length, int... fromTo) {
    float[] f = new float[length];
    for (int k = 0; k < fromTo.length; k += 2) {
      for (int i = fromTo[k]; i < fromTo[k + 1]; i++) {
        f[i] = 0.9f;
      }
    }
    return f;
  }

  private static VadParameters params(int minSpeechMs, int minSilenceMs, int padMs) {
    return new VadParameters(0.5, null, minSpeechMs, Double.POSITIVE_INFINITY, minSilenceMs, padMs);
  }

  @Test
  void oneRegionStartsAtTheFirstSpeechWindowAndEndsAtTheFirstSilentOne() {
    assertThat(regions(params(0, 100, 0), speechAt(130, 10, 30)))
        .containsExactly(new SpeechRegion(10 * W, 30 * W));
  }

  @Test
  void probabilitiesBetweenTheThresholdsKeepSpeechGoingButDoNotStartIt() {
    float[] f = speechAt(130, 10, 30);
    f[5] = 0.45f; // above neg_threshold 0.35, below threshold: not a start
    for (int i = 30; i < 40; i++) {
      f[i] = 0.4f; // continues the region
    }
    assertThat(regions(params(0, 100, 0), f)).containsExactly(new SpeechRegion(10 * W, 40 * W));
  }

  @Test
  void aPauseShorterThanMinSilenceDoesNotSplit() {
    float[] f = speechAt(200, 10, 40, 50, 80); // 10 windows = 320 ms of pause
    assertThat(regions(params(0, 2000, 0), f)).containsExactly(new SpeechRegion(10 * W, 80 * W));
    assertThat(regions(params(0, 100, 0), f))
        .containsExactly(new SpeechRegion(10 * W, 40 * W), new SpeechRegion(50 * W, 80 * W));
  }

  @Test
  void shortRegionsAreDropped() {
    float[] f = speechAt(115, 10, 15); // 5 windows = 160 ms
    assertThat(regions(params(250, 100, 0), f)).isEmpty();
    assertThat(regions(params(0, 100, 0), f)).hasSize(1);
  }

  @Test
  void paddingWidensRegionsAndSharesAShortGap() {
    // A gap of 20 windows (640 ms) is less than twice the 400 ms padding: split in the middle.
    List<SpeechRegion> r = regions(params(0, 100, 400), speechAt(300, 20, 40, 60, 80));
    assertThat(r).hasSize(2);
    assertThat(r.get(0).start()).isEqualTo(20 * W - 6400);
    assertThat(r.get(0).end()).isEqualTo(50 * W);
    assertThat(r.get(1).start()).isEqualTo(50 * W);
    assertThat(r.get(1).end()).isEqualTo(80 * W + 6400);
  }

  @Test
  void paddingIsClampedToTheAudio() {
    assertThat(regions(params(0, 100, 400), speechAt(20, 0, 20)))
        .containsExactly(new SpeechRegion(0, 20 * W));
  }

  @Test
  void speechRunningToTheEndEndsThere() {
    assertThat(regions(params(0, 2000, 0), speechAt(60, 10, 60)))
        .containsExactly(new SpeechRegion(10 * W, 60 * W));
  }

  @Test
  void aRegionLongerThanMaxSpeechIsSplitAtItsLastPause() {
    float[] f = speechAt(700, 0, 200, 210, 650); // a 320 ms pause, shorter than min silence
    VadParameters p = new VadParameters(0.5, null, 0, 10.0, 2000, 0); // 10 s = 312.5 windows
    List<SpeechRegion> r = regions(p, f);
    assertThat(r.get(0)).isEqualTo(new SpeechRegion(0, 200 * W));
    assertThat(r.get(1).start()).isEqualTo(210 * W);
    assertThat(r).allSatisfy(x -> assertThat(x.end() - x.start()).isLessThanOrEqualTo(160_000));
  }

  @Test
  void defaultsAreFasterWhispers() {
    VadParameters d = VadParameters.defaults();
    assertThat(d.threshold()).isEqualTo(0.5);
    assertThat(d.effectiveNegThreshold()).isCloseTo(0.35, Offset.offset(1e-9));
    assertThat(d.minSpeechDurationMs()).isZero();
    assertThat(d.maxSpeechDurationS()).isInfinite();
    assertThat(d.minSilenceDurationMs()).isEqualTo(2000);
    assertThat(d.speechPadMs()).isEqualTo(400);
  }
}
