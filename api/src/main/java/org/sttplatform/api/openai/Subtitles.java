package org.sttplatform.api.openai;

import java.util.List;
import java.util.Locale;
import org.sttplatform.workflows.model.Transcript;

/**
 * A minimal SRT and WebVTT renderer for the {@code srt} and {@code vtt} response formats: one cue
 * per segment with text, in time order. Kept to this one class so that a full subtitle library
 * (line wrapping, cue splitting) can replace it.
 */
final class Subtitles {
  private Subtitles() {}

  /** SubRip: numbered cues, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, blank line between cues. */
  static String srt(List<Transcript.Segment> segments) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (Transcript.Segment s : segments) {
      String text = cueText(s.text());
      if (text.isEmpty()) {
        continue;
      }
      out.append(++n).append('\n');
      out.append(time(s.start(), ',')).append(" --> ").append(time(end(s), ',')).append('\n');
      out.append(text).append("\n\n");
    }
    return out.toString();
  }

  /** WebVTT: the {@code WEBVTT} header, then cues with {@code HH:MM:SS.mmm} times. */
  static String vtt(List<Transcript.Segment> segments) {
    StringBuilder out = new StringBuilder("WEBVTT\n\n");
    for (Transcript.Segment s : segments) {
      String text = cueText(s.text());
      if (text.isEmpty()) {
        continue;
      }
      out.append(time(s.start(), '.')).append(" --> ").append(time(end(s), '.')).append('\n');
      out.append(text).append("\n\n");
    }
    return out.toString();
  }

  /** A cue never ends before it starts. */
  private static double end(Transcript.Segment s) {
    return Math.max(s.start(), s.end());
  }

  /**
   * One line of text: a blank line would end the cue and {@code -->} would read as a timing line.
   */
  static String cueText(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("-->", "->").replaceAll("\\s+", " ").strip();
  }

  static String time(double seconds, char millisSeparator) {
    long ms = Math.max(0, Math.round(seconds * 1000));
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d%c%03d",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        millisSeparator,
        ms % 1000);
  }
}
