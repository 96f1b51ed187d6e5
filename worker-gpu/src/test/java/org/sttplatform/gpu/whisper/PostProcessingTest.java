package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.Transcript.Segment;

/** The pure-Java parts of the binding: punctuation merging, compression ratio, the filter. */
class PostProcessingTest {

  static List<WordBuilder> words(String... texts) {
    List<WordBuilder> out = new ArrayList<>();
    double t = 0;
    for (String w : texts) {
      WordBuilder b = new WordBuilder();
      b.add(w.getBytes(StandardCharsets.UTF_8), t, t + 1, 0.5);
      out.add(b);
      t += 1;
    }
    return out;
  }

  static List<String> merged(List<WordBuilder> ws) {
    WordTimings.merge(ws, null, null);
    return ws.stream().map(WordBuilder::text).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void compressionRatioThresholdMapsToADecreasingEntropyThreshold() {
    assertThat(CompressionRatio.entropyThreshold(2.4)).isEqualTo(2.4f);
    assertThat(CompressionRatio.entropyThreshold(4.8)).isEqualTo(1.2f);
    assertThat(CompressionRatio.entropyThreshold(1.2)).isEqualTo(4.8f);
    // raising openai's threshold tolerates more repetition: whisper.cpp's must fall
    float previous = Float.MAX_VALUE;
    for (double ratio = 0.5; ratio <= 10; ratio += 0.5) {
      float entropy = CompressionRatio.entropyThreshold(ratio);
      assertThat(entropy).isPositive().isLessThan(previous);
      previous = entropy;
    }
    // null in the API (+infinity), NaN, zero or negative: the check is off
    assertThat(CompressionRatio.entropyThreshold(Double.POSITIVE_INFINITY)).isZero();
    assertThat(CompressionRatio.entropyThreshold(Double.NaN)).isZero();
    assertThat(CompressionRatio.entropyThreshold(0)).isZero();
    assertThat(CompressionRatio.entropyThreshold(-1)).isZero();
  }

  @Test
  void punctuationIsMergedLikeOpenAiWhisper() {
    assertThat(merged(words(" Hello", ",", " world", "."))).containsExactly(" Hello,", " world.");
    assertThat(merged(words(" He", " said", " \"", "yes", "\"")))
        .containsExactly(" He", " said", " \"yes\"");
    assertThat(merged(words(" (", "note", ")"))).containsExactly(" (note)");
    assertThat(merged(words(" a", " b"))).containsExactly(" a", " b");
  }

  @Test
  void mergedWordKeepsTheReceivingWordsTiming() {
    List<WordBuilder> ws = words(" Hello", "!");
    WordTimings.merge(ws, null, null);
    assertThat(ws.get(0).text()).isEqualTo(" Hello!");
    assertThat(ws.get(0).start).isEqualTo(0.0);
    assertThat(ws.get(0).end).isEqualTo(1.0);
  }

  @Test
  void wordsAreBuiltFromBytesSoSplitUtf8Survives() {
    WordBuilder b = new WordBuilder();
    byte[] e = " é".getBytes(StandardCharsets.UTF_8); // space, 0xC3, 0xA9
    b.add(new byte[] {e[0], e[1]}, 0, 1, 0.2);
    b.add(new byte[] {e[2]}, 1, 2, 0.4);
    assertThat(b.text()).isEqualTo(" é");
    assertThat(b.probability()).isEqualTo(0.30000000000000004);
    assertThat(b.start).isEqualTo(0.0);
    assertThat(b.end).isEqualTo(2.0);
  }

  @Test
  void compressionRatioMatchesPythonZlib() {
    // python3: len(b)/len(zlib.compress(b))
    assertThat(CompressionRatio.compressionRatio(" hello world")).isEqualTo(0.6);
    assertThat(
            CompressionRatio.compressionRatio(" the the the the the the the the the the the the"))
        .isEqualTo(3.2);
    assertThat(CompressionRatio.compressionRatio("")).isEqualTo(0.0);
  }

  static Segment seg(double start, double end, double noSpeech, double logprob) {
    return new Segment(0, start, end, " x", List.of(1), logprob, 1.0, noSpeech, null);
  }

  @Test
  void hallucinationFilterDropsOnlyIsolatedUnlikelySilentSegments() {
    List<Segment> segs =
        List.of(
            seg(0.0, 2.0, 0.1, -0.3), // speech
            seg(6.0, 7.0, 0.9, -1.5), // isolated, no-speech, unlikely: dropped
            seg(12.0, 13.0, 0.9, -0.5), // likely enough: kept
            seg(13.5, 14.0, 0.9, -1.5)); // gap before only 0.5 s: kept
    double[] clip = {0, 20};
    List<Segment> kept =
        SegmentFilters.dropSilentHallucinations(segs, List.of(clip, clip, clip, clip), 2.0, 0.6);
    assertThat(kept).containsExactly(segs.get(0), segs.get(2), segs.get(3));
  }
}
