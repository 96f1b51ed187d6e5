package org.sttplatform.activities.subtitles.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.activities.subtitles.SubtitleOptions;
import org.sttplatform.activities.subtitles.SubtitleWriter;
import org.sttplatform.workflows.model.Transcript;

/**
 * How long writing subtitles takes and how much heap it needs, for transcripts of 1, 3 and 10 hours
 * with word timings (5 s segments of 16 words), every format, written to a stream that discards the
 * bytes. Run by {@code bench/subtitles.sh} (with a small {@code -Xmx}, so a writer that built the
 * whole file in memory would show here); never part of the test suite.
 */
public final class SubtitlesBench {
  private static final int WORDS_PER_SEGMENT = 16;
  private static final double SEGMENT_SECONDS = 5.0;

  private static long transcriptMb;
  private static Transcript current;

  private SubtitlesBench() {}

  private static long usedAfterGc() {
    System.gc();
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  public static void main(String[] args) throws IOException {
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) {
        out = Path.of(args[++i]);
      }
    }
    StringBuilder report = new StringBuilder();
    report.append("# Subtitle writer\n\n");
    report.append(
        "Max heap %d MB. Transcripts with word timings: %d words per %.0f s segment. Best of 3.\n\n"
            .formatted(
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                WORDS_PER_SEGMENT,
                SEGMENT_SECONDS));
    report.append(
        "Peak heap is the heap pools' peak during a write, the transcript itself and garbage not"
            + " yet collected included; the transcript column is what the transcript alone holds."
            + " The point is that every write finishes under the heap limit, with the heap peak"
            + " well below it: built as one string, the 10 h highlight_words file would need its"
            + " own size plus a StringBuilder's copies while growing, next to the transcript.\n\n");
    report.append(
        "| audio | transcript MB | format | options | output MB | ms | peak heap MB |\n"
            + "|---|---|---|---|---|---|---|\n");
    for (int hours : new int[] {1, 3, 10}) {
      current = null;
      long before = usedAfterGc();
      current = transcript(hours);
      transcriptMb = (usedAfterGc() - before) / (1024 * 1024);
      Transcript t = current;
      for (SubtitleFormat format : SubtitleFormat.values()) {
        bench(report, hours, t, format, SubtitleOptions.defaults(), "defaults");
      }
      bench(
          report,
          hours,
          t,
          SubtitleFormat.VTT,
          new SubtitleOptions(42, 2, null, true),
          "highlight_words");
    }
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
  }

  private static void bench(
      StringBuilder report,
      int hours,
      Transcript t,
      SubtitleFormat format,
      SubtitleOptions options,
      String label)
      throws IOException {
    long best = Long.MAX_VALUE;
    long bytes = 0;
    long peak = 0;
    for (int run = 0; run < 3; run++) {
      System.gc();
      resetPeaks();
      Counting sink = new Counting();
      long start = System.nanoTime();
      SubtitleWriter.write(t, format, options, sink);
      best = Math.min(best, System.nanoTime() - start);
      bytes = sink.count;
      peak = Math.max(peak, peakHeap());
    }
    report.append(
        String.format(
            Locale.ROOT,
            "| %d h | %d | %s | %s | %.1f | %d | %d |%n",
            hours,
            transcriptMb,
            format.wireName(),
            label,
            bytes / 1e6,
            best / 1_000_000,
            peak / (1024 * 1024)));
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the last reset (an upper bound of the peak). */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  static Transcript transcript(int hours) {
    int segments = (int) (hours * 3600 / SEGMENT_SECONDS);
    double wordSeconds = SEGMENT_SECONDS / WORDS_PER_SEGMENT;
    List<Transcript.Segment> list = new ArrayList<>(segments);
    for (int s = 0; s < segments; s++) {
      double start = s * SEGMENT_SECONDS;
      List<Transcript.Word> words = new ArrayList<>(WORDS_PER_SEGMENT);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < WORDS_PER_SEGMENT; w++) {
        String word =
            " word" + (s * WORDS_PER_SEGMENT + w) % 997 + (w == WORDS_PER_SEGMENT - 1 ? "." : "");
        double ws = start + w * wordSeconds;
        words.add(new Transcript.Word(ws, ws + wordSeconds * 0.9, word, 0.9));
        text.append(word);
      }
      list.add(
          new Transcript.Segment(
              s,
              start,
              start + SEGMENT_SECONDS,
              text.toString(),
              List.of(),
              -0.2,
              1.2,
              0.01,
              words));
    }
    return new Transcript(
        "(not used)", "en", 0.9, hours * 3600.0, "whisper.cpp", "base", 1.0, list);
  }

  /** Counts and discards. */
  private static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
