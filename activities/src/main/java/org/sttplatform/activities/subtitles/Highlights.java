package org.sttplatform.activities.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Whisper's {@code --highlight_words}: a cue becomes one cue per timed word, showing the cue's
 * lines with that word underlined, plus the plain lines in the gaps between words. A cue whose
 * times were spread over its characters (its segment has no word timings) stays as it is.
 */
final class Highlights {
  private Highlights() {}

  /**
   * One highlighted version of a cue.
   *
   * @param startMs start in milliseconds
   * @param endMs end in milliseconds
   * @param lines the lines, the highlighted word already marked up
   */
  record Frame(long startMs, long endMs, List<String> lines) {}

  /**
   * The frames of {@code cue}, with {@code escape} applied to the text (not to the markup).
   *
   * @param highlight whether to expand the cue; if false (or its units are untimed) the cue is one
   *     frame
   */
  static List<Frame> frames(Cue cue, boolean highlight, UnaryOperator<String> escape) {
    List<Frame> frames = new ArrayList<>();
    boolean timed = cue.lines().stream().flatMap(List::stream).allMatch(Cue.Unit::timed);
    if (!highlight || !timed) {
      frames.add(new Frame(cue.startMs(), cue.endMs(), plain(cue, escape)));
      return frames;
    }
    long last = cue.startMs();
    for (int li = 0; li < cue.lines().size(); li++) {
      List<Cue.Unit> line = cue.lines().get(li);
      for (int ui = 0; ui < line.size(); ui++) {
        Cue.Unit word = line.get(ui);
        if (word.startMs() > last) {
          frames.add(new Frame(last, word.startMs(), plain(cue, escape)));
          last = word.startMs();
        }
        if (word.endMs() > last) {
          frames.add(new Frame(last, word.endMs(), underlined(cue, li, ui, escape)));
          last = word.endMs();
        }
      }
    }
    if (frames.isEmpty()) {
      // Every word had zero length: show the cue plain rather than not at all.
      frames.add(new Frame(cue.startMs(), cue.endMs(), plain(cue, escape)));
    }
    return frames;
  }

  private static List<String> plain(Cue cue, UnaryOperator<String> escape) {
    return cue.text().stream().map(escape).toList();
  }

  private static List<String> underlined(
      Cue cue, int lineIndex, int unitIndex, UnaryOperator<String> escape) {
    List<String> lines = new ArrayList<>();
    for (int li = 0; li < cue.lines().size(); li++) {
      List<Cue.Unit> line = cue.lines().get(li);
      if (li != lineIndex) {
        lines.add(escape.apply(Cue.join(line)));
        continue;
      }
      StringBuilder sb = new StringBuilder();
      for (int ui = 0; ui < line.size(); ui++) {
        String text = ui == 0 ? line.get(ui).text().stripLeading() : line.get(ui).text();
        if (ui == unitIndex) {
          String word = text.stripLeading();
          sb.append(text, 0, text.length() - word.length());
          sb.append("<u>").append(escape.apply(word.stripTrailing())).append("</u>");
        } else {
          sb.append(escape.apply(text));
        }
      }
      lines.add(sb.toString().strip());
    }
    return lines;
  }
}
