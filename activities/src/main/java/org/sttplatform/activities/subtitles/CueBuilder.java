package org.sttplatform.activities.subtitles;

import java.util.ArrayList;
import java.util.List;
import org.sttplatform.workflows.model.Transcript;

/**
 * Cuts one segment into cues of at most {@link SubtitleOptions#maxLineCount} lines of at most
 * {@link SubtitleOptions#maxLineWidth} columns, no longer than {@link
 * SubtitleOptions#maxCueSeconds}. Breaks fall between words: the engine's words with their timings
 * when the segment has them, else the text's words (characters in CJK text) with the segment's time
 * spread over them by character count. A line that overflows breaks after the last punctuation of
 * its second half if there is one, else before the word that does not fit.
 */
final class CueBuilder {
  private final SubtitleOptions options;

  CueBuilder(SubtitleOptions options) {
    this.options = options;
  }

  /** The segment's cues in time order; none for a blank segment. */
  List<Cue> cues(Transcript.Segment segment) {
    if (options.cuePerSegment()) {
      return wholeSegment(segment);
    }
    List<Cue.Unit> units = units(segment);
    List<Cue> cues = new ArrayList<>();
    List<List<Cue.Unit>> lines = new ArrayList<>();
    List<Cue.Unit> line = new ArrayList<>();
    for (Cue.Unit unit : units) {
      long cueStart = !lines.isEmpty() ? lines.get(0).get(0).startMs() : start(line, unit);
      if ((!lines.isEmpty() || !line.isEmpty())
          && unit.endMs() - cueStart > options.maxCueMillis()) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
        cues.add(cue(lines));
        lines = new ArrayList<>();
        line = new ArrayList<>();
      }
      while (!line.isEmpty() && width(line, unit) > options.maxLineWidth()) {
        int keep = breakAfter(line, unit);
        List<Cue.Unit> carried = new ArrayList<>(line.subList(keep, line.size()));
        lines.add(new ArrayList<>(line.subList(0, keep)));
        if (lines.size() == options.maxLineCount()) {
          cues.add(cue(lines));
          lines = new ArrayList<>();
        }
        line = carried;
      }
      line.add(unit);
    }
    if (!line.isEmpty()) {
      lines.add(line);
    }
    if (!lines.isEmpty()) {
      cues.add(cue(lines));
    }
    return cues;
  }

  /** {@link SubtitleOptions#cuePerSegment}: the segment as it is, one line at its times. */
  private static List<Cue> wholeSegment(Transcript.Segment segment) {
    String text = TextUnits.normalize(segment.text()).strip();
    if (text.isEmpty()) {
      return List.of();
    }
    long start = millis(segment.start());
    long end = Math.max(start, millis(segment.end()));
    return List.of(new Cue(start, end, List.of(List.of(new Cue.Unit(text, start, end, false)))));
  }

  private static long start(List<Cue.Unit> line, Cue.Unit next) {
    return line.isEmpty() ? next.startMs() : line.get(0).startMs();
  }

  /**
   * How many units of {@code line} stay on it when {@code next} does not fit: all of them, or fewer
   * to break after punctuation in the line's second half. The units after the break must leave room
   * for {@code next}, so that breaking always makes progress.
   */
  private int breakAfter(List<Cue.Unit> line, Cue.Unit next) {
    int half = (options.maxLineWidth() + 1) / 2;
    for (int keep = line.size() - 1; keep >= 1; keep--) {
      List<Cue.Unit> head = line.subList(0, keep);
      if (TextUnits.width(Cue.join(head)) < half) {
        break;
      }
      if (TextUnits.endsAtPunctuation(head.get(keep - 1).text())) {
        List<Cue.Unit> rest = new ArrayList<>(line.subList(keep, line.size()));
        if (width(rest, next) <= options.maxLineWidth()) {
          return keep;
        }
        break;
      }
    }
    return line.size();
  }

  private static int width(List<Cue.Unit> line, Cue.Unit next) {
    StringBuilder sb = new StringBuilder();
    for (Cue.Unit u : line) {
      sb.append(u.text());
    }
    sb.append(next.text());
    return TextUnits.width(sb.toString().strip());
  }

  private static Cue cue(List<List<Cue.Unit>> lines) {
    long start = lines.get(0).get(0).startMs();
    List<Cue.Unit> last = lines.get(lines.size() - 1);
    long end = Math.max(start, last.get(last.size() - 1).endMs());
    return new Cue(start, end, List.copyOf(lines));
  }

  /** The segment's units: its timed words, or its text's words spread over its time. */
  List<Cue.Unit> units(Transcript.Segment segment) {
    long segStart = millis(segment.start());
    long segEnd = Math.max(segStart, millis(segment.end()));
    List<Cue.Unit> units = new ArrayList<>();
    if (hasWords(segment)) {
      boolean spaceAfterLast = false;
      for (Transcript.Word w : segment.words()) {
        String raw = TextUnits.normalize(w.word());
        if (raw.isBlank()) {
          spaceAfterLast |= !raw.isEmpty();
          continue;
        }
        // The space between two words may end the first (engines put it before the second).
        String text = (spaceAfterLast && !raw.startsWith(" ") ? " " : "") + raw.stripTrailing();
        spaceAfterLast = raw.endsWith(" ");
        long start = millis(w.start());
        long end = Math.max(start, millis(w.end()));
        if (TextUnits.width(text.strip()) > options.maxLineWidth()
            && text.strip().codePoints().anyMatch(TextUnits::isCharUnit)) {
          // A CJK "word" wider than a line: wrap it between its characters.
          units.addAll(spread(TextUnits.split(text), start, end, false));
        } else {
          units.add(new Cue.Unit(text, start, end, true));
        }
      }
      return units;
    }
    return spread(TextUnits.split(TextUnits.normalize(segment.text())), segStart, segEnd, false);
  }

  /** Whether the segment has at least one non-blank timed word. */
  static boolean hasWords(Transcript.Segment segment) {
    if (segment.words() == null) {
      return false;
    }
    for (Transcript.Word w : segment.words()) {
      if (w.word() != null && !w.word().isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** Units over {@code [start, end]}, each getting time in proportion to its characters. */
  private static List<Cue.Unit> spread(List<String> pieces, long start, long end, boolean timed) {
    long total = 0;
    for (String p : pieces) {
      total += p.strip().codePointCount(0, p.strip().length());
    }
    List<Cue.Unit> units = new ArrayList<>(pieces.size());
    long before = 0;
    for (String p : pieces) {
      long chars = p.strip().codePointCount(0, p.strip().length());
      long from = start + (end - start) * before / Math.max(1, total);
      before += chars;
      long to = start + (end - start) * before / Math.max(1, total);
      units.add(new Cue.Unit(p, from, to, timed));
    }
    return units;
  }

  static long millis(double seconds) {
    if (Double.isNaN(seconds) || seconds <= 0) {
      return 0;
    }
    return Math.round(seconds * 1000);
  }
}
