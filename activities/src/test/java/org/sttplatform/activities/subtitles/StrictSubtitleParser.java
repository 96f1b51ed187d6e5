package org.sttplatform.activities.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SRT and WebVTT reader written for the tests, independent of the writer: a line state machine
 * that rejects anything outside the grammar the service promises (cue numbers from 1 without gaps,
 * exact timing lines, no empty cue, no blank line inside a cue, a blank line after every cue, no
 * stray text, start not after end, in WebVTT no raw {@code <}, {@code >} or {@code &} other than
 * the {@code <u>} markup and character references). Public for the other modules' tests (the
 * activities test-jar).
 */
public final class StrictSubtitleParser {
  /**
   * A parsed cue: times in ms, text lines as written (markup kept, references decoded).
   *
   * @param number its number (SRT, numbered WebVTT), or 0 for a WebVTT cue without an identifier
   */
  public record ParsedCue(int number, long startMs, long endMs, List<String> lines) {
    /** The lines joined with spaces. */
    public String text() {
      return String.join(" ", lines);
    }
  }

  private static final Pattern SRT_TIMING =
      Pattern.compile(
          "(\\d{2,}):([0-5]\\d):([0-5]\\d),(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d),(\\d{3})");
  private static final Pattern VTT_TIMING =
      Pattern.compile(
          "(\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3})");
  private static final Pattern NUMBER = Pattern.compile("[1-9]\\d*");
  private static final Pattern VTT_TEXT = Pattern.compile("([^<>&]|&amp;|&lt;|&gt;|<u>|</u>)+");

  private enum State {
    NUMBER,
    TIMING,
    FIRST_TEXT,
    TEXT
  }

  private StrictSubtitleParser() {}

  /** An SRT file's cues. */
  public static List<ParsedCue> srt(String content) {
    return parse(content, SRT_TIMING, false, true);
  }

  /** A WebVTT file's cues, numbered from 1 as the service's writer numbers them. */
  public static List<ParsedCue> vtt(String content) {
    return parse(vttBody(content), VTT_TIMING, true, true);
  }

  /**
   * A WebVTT file's cues, none with an identifier (each starts at its timing line), as OpenAI's
   * {@code vtt} has them; their {@code number} is 0.
   */
  public static List<ParsedCue> vttWithoutIdentifiers(String content) {
    return parse(vttBody(content), VTT_TIMING, true, false);
  }

  private static String vttBody(String content) {
    if (!content.startsWith("WEBVTT\n\n")) {
      throw new AssertionError(
          "WebVTT must start with 'WEBVTT' and a blank line: " + head(content));
    }
    return content.substring("WEBVTT\n\n".length());
  }

  private static List<ParsedCue> parse(
      String content, Pattern timing, boolean vtt, boolean numbered) {
    if (content.contains("\r")) {
      throw new AssertionError("unexpected CR");
    }
    List<ParsedCue> cues = new ArrayList<>();
    if (content.isEmpty()) {
      return cues;
    }
    if (!content.endsWith("\n\n")) {
      throw new AssertionError("the last cue must end with a blank line: " + tail(content));
    }
    String[] lines = content.substring(0, content.length() - 1).split("\n", -1);
    State first = numbered ? State.NUMBER : State.TIMING;
    State state = first;
    int number = 0;
    long start = 0;
    long end = 0;
    List<String> text = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String where = "line " + (i + 1) + " '" + line + "'";
      switch (state) {
        case NUMBER -> {
          if (!NUMBER.matcher(line).matches() || Integer.parseInt(line) != number + 1) {
            throw new AssertionError("expected cue number " + (number + 1) + " at " + where);
          }
          number++;
          state = State.TIMING;
        }
        case TIMING -> {
          Matcher m = timing.matcher(line);
          if (!m.matches()) {
            throw new AssertionError("expected a timing line at " + where);
          }
          start = ms(m, 1);
          end = ms(m, 5);
          if (end < start) {
            throw new AssertionError("cue ends before it starts at " + where);
          }
          state = State.FIRST_TEXT;
        }
        case FIRST_TEXT, TEXT -> {
          if (line.isEmpty()) {
            if (state == State.FIRST_TEXT) {
              throw new AssertionError("empty cue " + number + " at " + where);
            }
            cues.add(new ParsedCue(numbered ? number : 0, start, end, List.copyOf(text)));
            text.clear();
            state = first;
            break;
          }
          if (line.contains("-->")) {
            throw new AssertionError("timing arrow in cue text at " + where);
          }
          if (!line.equals(line.strip())) {
            throw new AssertionError("untrimmed cue text at " + where);
          }
          if (vtt) {
            if (!VTT_TEXT.matcher(line).matches()) {
              throw new AssertionError("invalid WebVTT cue text at " + where);
            }
            line = line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
          }
          text.add(line);
          state = State.TEXT;
        }
      }
    }
    if (state != first) {
      throw new AssertionError("truncated cue " + number);
    }
    return cues;
  }

  private static long ms(Matcher m, int group) {
    return Long.parseLong(m.group(group)) * 3_600_000
        + Long.parseLong(m.group(group + 1)) * 60_000
        + Long.parseLong(m.group(group + 2)) * 1000
        + Long.parseLong(m.group(group + 3));
  }

  private static String head(String s) {
    return s.substring(0, Math.min(40, s.length()));
  }

  private static String tail(String s) {
    return s.substring(Math.max(0, s.length() - 40));
  }
}
