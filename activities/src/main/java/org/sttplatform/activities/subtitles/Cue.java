package org.sttplatform.activities.subtitles;

import java.util.List;

/**
 * One timed cue: lines of units, each unit a word (or CJK character) with the space before it.
 *
 * @param startMs start in milliseconds
 * @param endMs end in milliseconds, not before the start
 * @param lines the lines in reading order, none empty
 */
record Cue(long startMs, long endMs, List<List<Unit>> lines) {

  /**
   * A word or character of a cue.
   *
   * @param text the text with the single space before it, if any
   * @param startMs start in milliseconds
   * @param endMs end in milliseconds
   * @param timed whether the times are the engine's word timings (else spread by characters)
   */
  record Unit(String text, long startMs, long endMs, boolean timed) {}

  /** The lines as text, each trimmed. */
  List<String> text() {
    return lines.stream().map(Cue::join).toList();
  }

  /** A line's text: its units joined and trimmed. */
  static String join(List<Unit> line) {
    StringBuilder sb = new StringBuilder();
    for (Unit u : line) {
      sb.append(u.text());
    }
    return sb.toString().strip();
  }
}
