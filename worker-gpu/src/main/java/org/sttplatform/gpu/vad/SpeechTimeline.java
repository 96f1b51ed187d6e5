package org.sttplatform.gpu.vad;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;
import org.sttplatform.workflows.model.Transcript.Word;

/**
 * The speech spans of an audio joined end to end, as faster-whisper decodes them ({@code
 * collect_chunks}), and the way back from the joined timeline to the original one ({@code
 * SpeechTimestampsMap}). Joining matters for whisper.cpp: every {@code whisper_full} call encodes
 * at least one 30 s window, so decoding each region on its own would cost a window per region,
 * while the joined speech costs a window per 30 s of speech.
 *
 * <p>{@link #source} is a view, never a copy: reads are served span by span from the original
 * source, so memory stays bounded. whisper.cpp ignores input under 1 s, so the view is padded with
 * silence to at least 1 s; times there map to the end of the last span.
 */
public final class SpeechTimeline {

  /** whisper.cpp skips shorter input. */
  static final long MIN_SAMPLES = SpeechRegion.SAMPLE_RATE;

  private final long[] starts; // original first sample of each span
  private final long[] ends; // original end of each span
  private final long[] offsets; // joined first sample of each span
  private final long joined;

  private SpeechTimeline(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
    this.offsets = new long[starts.length];
    long at = 0;
    for (int i = 0; i < starts.length; i++) {
      offsets[i] = at;
      at += ends[i] - starts[i];
    }
    this.joined = at;
  }

  /**
   * @param spans non-empty, sorted, non-overlapping [start, end) sample ranges
   * @throws IllegalArgumentException if they are empty, unsorted or overlap
   */
  public static SpeechTimeline of(List<SpeechRegion> spans) {
    if (spans.isEmpty()) {
      throw new IllegalArgumentException("no speech spans");
    }
    long[] s = new long[spans.size()];
    long[] e = new long[spans.size()];
    long previousEnd = 0;
    for (int i = 0; i < s.length; i++) {
      SpeechRegion r = spans.get(i);
      if (r.start() < previousEnd || r.end() <= r.start()) {
        throw new IllegalArgumentException(
            "spans must be sorted, non-empty and disjoint: " + spans);
      }
      s[i] = r.start();
      e[i] = r.end();
      previousEnd = r.end();
    }
    return new SpeechTimeline(s, e);
  }

  /** Samples of speech joined (before the padding to 1 s). */
  public long speechSamples() {
    return joined;
  }

  /** The joined speech of {@code original}, padded with silence to at least 1 s. */
  public AudioSource source(AudioSource original) {
    Objects.requireNonNull(original, "original");
    long count = Math.max(joined, MIN_SAMPLES);
    return new AudioSource() {
      @Override
      public long sampleCount() {
        return count;
      }

      @Override
      public void read(long from, float[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(from, length, count);
        Objects.checkFromIndexSize(offset, length, into.length);
        long at = from;
        int out = offset;
        int left = length;
        while (left > 0 && at < joined) {
          int i = span(at, false);
          int n = (int) Math.min(left, offsets[i] + (ends[i] - starts[i]) - at);
          original.read(starts[i] + (at - offsets[i]), into, out, n);
          at += n;
          out += n;
          left -= n;
        }
        Arrays.fill(into, out, out + left, 0f);
      }
    };
  }

  /**
   * The original time of {@code seconds} on the joined timeline. An end that falls exactly on the
   * border of two spans belongs to the earlier one (it ends there rather than at the next start).
   */
  public double toOriginal(double seconds, boolean isEnd) {
    long sample = Math.round(seconds * SpeechRegion.SAMPLE_RATE);
    long clamped = Math.max(0, Math.min(sample, joined));
    int i = span(clamped, isEnd);
    long original = Math.min(ends[i], starts[i] + (clamped - offsets[i]));
    return Math.round(original * 1000.0 / SpeechRegion.SAMPLE_RATE) / 1000.0;
  }

  /** {@code t} (decoded from {@link #source}) on the original timeline, {@code duration} long. */
  public Transcript toOriginal(Transcript t, double duration) {
    List<Segment> segments = new ArrayList<>();
    if (t.segments() != null) {
      for (Segment s : t.segments()) {
        segments.add(toOriginal(s));
      }
    }
    return new Transcript(
        t.text(),
        t.language(),
        t.languageProbability(),
        duration,
        t.engine(),
        t.model(),
        t.engineSeconds(),
        List.copyOf(segments),
        t.vad());
  }

  /** Segment {@code s} (decoded from {@link #source}) with its times on the original timeline. */
  public Segment toOriginal(Segment s) {
    List<Word> words = null;
    if (s.words() != null) {
      words = new ArrayList<>(s.words().size());
      for (Word w : s.words()) {
        words.add(
            new Word(
                toOriginal(w.start(), false),
                toOriginal(w.end(), true),
                w.word(),
                w.probability()));
      }
      words = List.copyOf(words);
    }
    return new Segment(
        s.id(),
        toOriginal(s.start(), false),
        toOriginal(s.end(), true),
        s.text(),
        s.tokens(),
        s.avgLogprob(),
        s.compressionRatio(),
        s.noSpeechProb(),
        words);
  }

  /** The span holding joined sample {@code at} (the last span for the end of the speech). */
  private int span(long at, boolean isEnd) {
    int i = Arrays.binarySearch(offsets, at);
    if (i >= 0) {
      return isEnd && i > 0 ? i - 1 : i;
    }
    return Math.max(0, -i - 2);
  }
}
