package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;
import org.sttplatform.workflows.model.Transcript.Word;

/** The chunking logic with a recording engine standing in for whisper.cpp. */
class ChunkedRecognitionTest {

  static final int RATE = 16_000;

  /** One call of the fake engine. */
  record Call(int samples, List<int[]> clips, String language, ChunkedRecognition.Piece piece) {}

  /**
   * Answers every piece with one segment over [1 s, length - 1 s] holding one word, and one token
   * per call (100 + call number), detecting "fr" with probability 0.5.
   */
  static final class FakeEngine implements ChunkedRecognition.Engine {
    final List<Call> calls = new ArrayList<>();

    @Override
    public Transcript transcribe(
        float[] samples,
        List<int[]> clips,
        String language,
        ChunkedRecognition.Piece piece,
        IntConsumer progress) {
      calls.add(new Call(samples.length, clips, language, piece));
      progress.accept(50);
      progress.accept(100);
      double end = samples.length / (double) RATE - 1;
      Segment s =
          new Segment(
              1,
              1.0,
              end,
              " piece " + calls.size(),
              List.of(100 + calls.size()),
              -0.5,
              1.0,
              0.1,
              List.of(new Word(1.0, end, " piece", 0.9)));
      return new Transcript(
          s.text().strip(),
          language == null ? "fr" : language,
          language == null ? 0.5 : 1.0,
          samples.length / (double) RATE,
          "whisper.cpp",
          "m",
          0.1,
          List.of(s));
    }
  }

  static RecognitionSettings settings(boolean condition, String prompt, List<double[]> clips) {
    return new RecognitionSettings(
        null, false, List.of(0.0), 2.4, 0.6, condition, prompt, true, null, null, clips, null, 1);
  }

  /** {@code seconds} of a loud square wave with a silent 100 ms frame at {@code quietAt} s. */
  static float[] loudWithQuietFrameAt(int seconds, double quietAt) {
    float[] a = new float[seconds * RATE];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i / 20) % 2 == 0 ? 0.5f : -0.5f;
    }
    int q = (int) Math.round(quietAt * RATE);
    for (int i = q; i < q + RATE / 10; i++) {
      a[i] = 0;
    }
    return a;
  }

  @Test
  void audioOfOneChunkIsOneCallWithAllClipsAndIsReturnedAsIs() {
    FakeEngine engine = new FakeEngine();
    List<double[]> clips = List.of(new double[] {1, 2}, new double[] {0, 1.5});
    Transcript t =
        new ChunkedRecognition(
                AudioSource.of(new float[11 * RATE]),
                settings(true, "hi", clips),
                10 * RATE,
                224,
                engine,
                p -> {},
                () -> false)
            .run(null, "m", System.nanoTime());
    assertThat(engine.calls).hasSize(1);
    Call call = engine.calls.get(0);
    assertThat(call.samples()).isEqualTo(11 * RATE); // chunk + 1 s still one piece
    assertThat(call.clips()).containsExactly(new int[] {RATE, 2 * RATE}, new int[] {0, 24_000});
    assertThat(call.piece()).isEqualTo(ChunkedRecognition.Piece.FIRST);
    assertThat(t.text()).isEqualTo("piece 1");
  }

  @Test
  void longAudioIsCutAtQuietPointsWithTimesShiftedIdsRunningOnAndContextCarried() {
    FakeEngine engine = new FakeEngine();
    List<Integer> progress = new ArrayList<>();
    // 25 s, chunks of 10 s: the search covers the last 2 s of each chunk, a quiet frame at 8.5 s
    float[] audio = loudWithQuietFrameAt(25, 8.5);
    Transcript t =
        new ChunkedRecognition(
                AudioSource.of(audio),
                settings(true, "the prompt", List.of()),
                10 * RATE,
                224,
                engine,
                progress::add,
                () -> false)
            .run(null, "m", System.nanoTime());

    int firstCut = (int) Math.round(8.55 * RATE); // the middle of the quiet frame
    assertThat(engine.calls).extracting(Call::samples).startsWith(firstCut);
    assertThat(engine.calls.stream().mapToInt(Call::samples).sum()).isEqualTo(audio.length);
    assertThat(engine.calls.get(0).piece()).isEqualTo(ChunkedRecognition.Piece.FIRST);
    assertThat(engine.calls.get(0).language()).isNull();
    for (int i = 1; i < engine.calls.size(); i++) {
      Call c = engine.calls.get(i);
      assertThat(c.language()).isEqualTo("fr"); // detected once, then passed on
      assertThat(c.piece().initialPrompt()).isFalse();
      // every earlier piece's token, oldest first
      assertThat(c.piece().promptTokens())
          .containsExactly(java.util.stream.IntStream.rangeClosed(101, 100 + i).toArray());
    }
    assertThat(t.language()).isEqualTo("fr");
    assertThat(t.languageProbability()).isEqualTo(0.5);
    assertThat(t.duration()).isEqualTo(25.0);
    assertThat(t.segments()).extracting(Segment::id).containsExactly(1, 2, 3);
    assertThat(t.segments().get(1).start()).isEqualTo(firstCut / (double) RATE + 1.0);
    double prevEnd = 0;
    for (Segment s : t.segments()) {
      assertThat(s.start()).isGreaterThanOrEqualTo(prevEnd);
      assertThat(s.words()).allSatisfy(w -> assertThat(w.start()).isEqualTo(s.start()));
      prevEnd = s.end();
    }
    assertThat(prevEnd).isLessThanOrEqualTo(25.0);
    assertThat(t.text()).isEqualTo("piece 1 piece 2 piece 3");
    assertThat(progress).isSorted().doesNotHaveDuplicates().endsWith(99, 100);
  }

  @Test
  void carriedContextIsCappedToTheNewestTokens() {
    FakeEngine engine = new FakeEngine();
    new ChunkedRecognition(
            AudioSource.of(new float[40 * RATE]),
            settings(true, null, List.of()),
            10 * RATE,
            2,
            engine,
            p -> {},
            () -> false)
        .run("en", "m", System.nanoTime());
    assertThat(engine.calls).hasSizeGreaterThan(3);
    assertThat(engine.calls.get(3).piece().promptTokens()).containsExactly(102, 103);
  }

  @Test
  void withoutConditioningLaterPiecesGetNoPromptAtAll() {
    FakeEngine engine = new FakeEngine();
    new ChunkedRecognition(
            AudioSource.of(new float[25 * RATE]),
            settings(false, "the prompt", List.of()),
            10 * RATE,
            224,
            engine,
            p -> {},
            () -> false)
        .run("en", "m", System.nanoTime());
    assertThat(engine.calls.get(0).piece()).isEqualTo(ChunkedRecognition.Piece.FIRST);
    assertThat(engine.calls.subList(1, engine.calls.size()))
        .allSatisfy(
            c -> assertThat(c.piece()).isEqualTo(new ChunkedRecognition.Piece(false, null)));
  }

  @Test
  void clipsOfLongAudioAreCutSeparatelyAndKeepTheirAbsoluteTimes() {
    FakeEngine engine = new FakeEngine();
    Transcript t =
        new ChunkedRecognition(
                AudioSource.of(new float[60 * RATE]),
                settings(true, null, List.of(new double[] {40, 45}, new double[] {5, 30})),
                10 * RATE,
                224,
                engine,
                p -> {},
                () -> false)
            .run("en", "m", System.nanoTime());
    assertThat(engine.calls.get(0).samples()).isEqualTo(5 * RATE);
    assertThat(engine.calls.stream().mapToInt(Call::samples).sum()).isEqualTo(30 * RATE);
    assertThat(t.segments().get(0).start()).isEqualTo(41.0);
    assertThat(t.segments().get(1).start()).isEqualTo(6.0);
  }

  @Test
  void anAbortIsSeenBetweenPieces() {
    FakeEngine engine = new FakeEngine();
    ChunkedRecognition r =
        new ChunkedRecognition(
            AudioSource.of(new float[60 * RATE]),
            settings(true, null, List.of()),
            10 * RATE,
            224,
            engine,
            p -> {},
            () -> engine.calls.size() >= 2);
    assertThatThrownBy(() -> r.run("en", "m", System.nanoTime()))
        .isInstanceOf(CancellationException.class);
    assertThat(engine.calls).hasSize(2);
  }

  @Test
  void quietCutPrefersTheLatestOfEquallyQuietFrames() {
    assertThat(ChunkedRecognition.quietCut(new float[10 * RATE], 2 * RATE))
        .isEqualTo(10 * RATE - RATE / 20);
    assertThat(ChunkedRecognition.quietCut(loudWithQuietFrameAt(10, 8.1), 2 * RATE))
        .isEqualTo((int) Math.round(8.15 * RATE));
  }
}
