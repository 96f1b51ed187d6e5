package org.sttplatform.gpu.whisper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;
import org.sttplatform.workflows.model.Transcript.Word;

/**
 * Works through audio of any length in pieces of at most a chunk, so that neither the samples nor
 * whisper.cpp's mel spectrogram of the whole file are ever in memory.
 *
 * <p>Audio no longer than one chunk (plus one second) is read whole and given to the engine in one
 * call with all its clips, exactly as before chunking existed. Longer audio is cut clip by clip
 * (the whole audio is one clip when none is given): each piece is at most a chunk long and ends at
 * the quietest 100 ms frame of its last {@link #searchSamples} samples, so that a word is rarely
 * cut in two. Each piece is one engine call; its segment and word times are shifted by the piece's
 * start, segment ids run on from the previous piece, and the detected language of the first piece
 * is passed to the others (whisper.cpp detects it on the first 30 s, as for a short file).
 *
 * <p>Text context carries over a piece border as whisper.cpp carries it from window to window
 * inside a call: with {@code conditionOnPreviousText} the next piece is prompted with the text
 * tokens of the last segments transcribed so far (at most half the text context, whisper.cpp's own
 * limit); while none exist yet it gets the initial prompt instead, like the first piece. Without
 * {@code conditionOnPreviousText} later pieces start without any prompt.
 *
 * <p>A {@link SegmentListener} gets each piece's segments as the engine reports them, shifted and
 * numbered as the result's will be, so a listener sees the final segments of a long file piece by
 * piece (whisper.cpp's engine reports them window by window inside a piece).
 *
 * <p>Progress is the share of samples done, including the engine's progress inside the current
 * piece; {@code aborted} is checked before every piece and by the engine inside it.
 *
 * <p>The no-speech rule and the hallucination filter work inside each piece: for the filter, a
 * piece border counts as a clip border. Memory: one piece of samples (at most a chunk and a
 * second), the engine's copy and mel of it, the carried tokens, and the segments collected so far.
 */
final class ChunkedRecognition {

  /** What one engine call gets besides its samples. */
  record Piece(boolean initialPrompt, int[] promptTokens) {
    /** The first (or only) piece: the initial prompt, no carried tokens. */
    static final Piece FIRST = new Piece(true, null);
  }

  /** Transcribes one piece: samples, clips as [from, to) sample indexes of it, a language. */
  interface Engine {
    Transcript transcribe(
        float[] samples, List<int[]> clips, String language, Piece piece, IntConsumer progress);

    /**
     * As {@link #transcribe(float[], List, String, Piece, IntConsumer)}, handing the piece's final
     * segments (times and ids of the piece) to {@code segments} as they are decoded; this default
     * hands them over once the piece is done.
     */
    default Transcript transcribe(
        float[] samples,
        List<int[]> clips,
        String language,
        Piece piece,
        IntConsumer progress,
        SegmentListener segments) {
      Transcript t = transcribe(samples, clips, language, piece, progress);
      if (segments != null) {
        t.segments().forEach(segments::onSegment);
      }
      return t;
    }
  }

  private static final int RATE = WhisperCppRecognizer.SAMPLE_RATE;
  private static final int FRAME = RATE / 10;

  private final AudioSource audio;
  private final RecognitionSettings settings;
  private final int chunkSamples;
  private final int searchSamples;
  private final int maxPromptTokens;
  private final Engine engine;
  private final IntConsumer progress;
  private final BooleanSupplier aborted;
  private final SegmentListener segments;
  private int lastProgress = -1;
  private int segmentsSent;

  /**
   * @param chunkSamples longest piece, in samples
   * @param maxPromptTokens most tokens carried into the next piece
   */
  ChunkedRecognition(
      AudioSource audio,
      RecognitionSettings settings,
      int chunkSamples,
      int maxPromptTokens,
      Engine engine,
      IntConsumer progress,
      BooleanSupplier aborted) {
    this(audio, settings, chunkSamples, maxPromptTokens, engine, progress, aborted, null);
  }

  /**
   * @param segments receives each final segment, on the whole audio's timeline with the id it has
   *     in the result, as soon as its piece's engine call reports it; {@code null} for none
   */
  ChunkedRecognition(
      AudioSource audio,
      RecognitionSettings settings,
      int chunkSamples,
      int maxPromptTokens,
      Engine engine,
      IntConsumer progress,
      BooleanSupplier aborted,
      SegmentListener segments) {
    if (chunkSamples < 2 * RATE) {
      throw new IllegalArgumentException("a chunk must be at least 2 s: " + chunkSamples);
    }
    this.audio = audio;
    this.settings = settings;
    this.chunkSamples = chunkSamples;
    this.searchSamples = Math.min(10 * RATE, chunkSamples / 5);
    this.maxPromptTokens = maxPromptTokens;
    this.engine = engine;
    this.progress = progress;
    this.aborted = aborted;
    this.segments = segments;
  }

  /**
   * @param language the language to transcribe, or {@code null} to detect it on the first piece
   * @param modelName reported in the transcript
   * @param startNanos when the call began, for {@code engine_seconds}
   */
  Transcript run(String language, String modelName, long startNanos) {
    long n = audio.sampleCount();
    if (n == 0) {
      throw new IllegalArgumentException("no audio samples");
    }
    List<long[]> ranges = clipRanges(n, settings);
    if (n <= chunkSamples + RATE) {
      float[] all = read(0, (int) n);
      List<int[]> clips = new ArrayList<>(ranges.size());
      for (long[] r : ranges) {
        clips.add(new int[] {(int) r[0], (int) r[1]});
      }
      return engine.transcribe(all, clips, language, Piece.FIRST, progress, segments);
    }
    long total = 0;
    for (long[] r : ranges) {
      total += r[1] - r[0];
    }
    List<Segment> segments = new ArrayList<>();
    Deque<Integer> context = new ArrayDeque<>();
    String lang = language;
    double languageProbability = 1.0;
    boolean first = true;
    long done = 0;
    for (long[] range : ranges) {
      long at = range[0];
      while (at < range[1]) {
        checkAbort();
        long remaining = range[1] - at;
        // the last piece of a clip takes up to one second more rather than leave a stub
        // shorter than the second whisper.cpp needs
        int length = remaining <= chunkSamples + RATE ? (int) remaining : chunkSamples;
        float[] samples = read(at, length);
        int cut = length == remaining ? length : quietCut(samples, searchSamples);
        if (cut < length) {
          samples = Arrays.copyOf(samples, cut);
        }
        long before = done;
        long totalSamples = Math.max(1, total);
        IntConsumer pieceProgress =
            p -> report((int) Math.min(99, (before + (long) cut * p / 100) * 100 / totalSamples));
        double offset = (double) at / RATE;
        Transcript t =
            engine.transcribe(
                samples,
                List.of(new int[] {0, cut}),
                lang,
                piece(first, context),
                pieceProgress,
                pieceSegments(offset));
        if (first) {
          lang = t.language();
          languageProbability = t.languageProbability();
          first = false;
        }
        for (Segment s : t.segments()) {
          segments.add(shift(s, segments.size() + 1, offset));
          for (int token : s.tokens()) {
            context.addLast(token);
          }
        }
        while (context.size() > maxPromptTokens) {
          context.removeFirst();
        }
        at += cut;
        done += cut;
      }
    }
    checkAbort();
    report(100);
    return new Transcript(
        Transcript.textOf(segments),
        lang,
        languageProbability,
        (double) n / RATE,
        WhisperCppRecognizer.ENGINE,
        modelName,
        (System.nanoTime() - startNanos) / 1e9,
        List.copyOf(segments));
  }

  /**
   * The listener of one piece's engine call: its segments shifted as the result's will be, with ids
   * running on over the pieces (the engine's pieces report exactly their final segments, in order,
   * so the count of those sent is the count of those kept before them).
   */
  private SegmentListener pieceSegments(double offset) {
    if (segments == null) {
      return null;
    }
    return s -> segments.onSegment(shift(s, ++segmentsSent, offset));
  }

  private Piece piece(boolean first, Deque<Integer> context) {
    if (first) {
      return Piece.FIRST;
    }
    if (!settings.conditionOnPreviousText()) {
      return new Piece(false, null);
    }
    if (context.isEmpty()) {
      return Piece.FIRST;
    }
    return new Piece(false, context.stream().mapToInt(Integer::intValue).toArray());
  }

  private float[] read(long from, int length) {
    float[] samples = new float[length];
    try {
      audio.read(from, samples, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audio", e);
    }
    return samples;
  }

  private void checkAbort() {
    if (aborted.getAsBoolean()) {
      throw new CancellationException("recognition aborted");
    }
  }

  private void report(int p) {
    if (p > lastProgress) {
      lastProgress = p;
      progress.accept(p);
    }
  }

  /**
   * Where to end a piece of {@code samples}: the middle of the quietest 100 ms frame (lowest sum of
   * squares) among the last {@code search} samples, the latest of equally quiet ones.
   */
  static int quietCut(float[] samples, int search) {
    int from = Math.max(0, samples.length - search);
    int best = samples.length;
    double bestEnergy = Double.POSITIVE_INFINITY;
    for (int start = from; start + FRAME <= samples.length; start += FRAME) {
      double energy = 0;
      for (int i = start; i < start + FRAME; i++) {
        energy += (double) samples[i] * samples[i];
      }
      if (energy <= bestEnergy) {
        bestEnergy = energy;
        best = start + FRAME / 2;
      }
    }
    return best;
  }

  /**
   * The clips as [from, to) sample ranges of audio {@code n} samples long: the whole audio if none
   * is given; an end beyond the audio is clamped, and clips left empty are dropped.
   */
  static List<long[]> clipRanges(long n, RecognitionSettings s) {
    List<long[]> out = new ArrayList<>();
    if (s.clips() == null || s.clips().isEmpty()) {
      out.add(new long[] {0, n});
      return out;
    }
    for (double[] c : s.clips()) {
      if (c == null || c.length != 2 || !Double.isFinite(c[0]) || !(c[1] > c[0]) || c[0] < 0) {
        throw new IllegalArgumentException(
            "a clip must be [start, end) seconds with 0 <= start < end");
      }
      long from = Math.round(c[0] * RATE);
      long to = Double.isInfinite(c[1]) ? n : Math.round(c[1] * RATE);
      to = Math.min(to, n);
      if (from < to) {
        out.add(new long[] {from, to});
      }
    }
    return out;
  }

  private static Segment shift(Segment s, int id, double offset) {
    List<Word> words = null;
    if (s.words() != null) {
      words = new ArrayList<>(s.words().size());
      for (Word w : s.words()) {
        words.add(new Word(w.start() + offset, w.end() + offset, w.word(), w.probability()));
      }
      words = List.copyOf(words);
    }
    return new Segment(
        id,
        s.start() + offset,
        s.end() + offset,
        s.text(),
        s.tokens(),
        s.avgLogprob(),
        s.compressionRatio(),
        s.noSpeechProb(),
        words);
  }
}
