package org.sttplatform.activities.subtitles;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * How cues are shaped (SRT and VTT; the other formats write one line per segment).
 *
 * @param maxLineWidth the widest line, in columns: a CJK (full-width) character counts 2, others 1.
 *     A single word wider than this gets a line of its own.
 * @param maxLineCount the most lines in one cue
 * @param maxCueSeconds the longest cue in seconds, or {@code null} for no limit (a cue of one word
 *     may still be longer)
 * @param highlightWords one cue per word with that word underlined, like whisper's {@code
 *     --highlight_words}; needs word timings
 * @param cuePerSegment one cue per segment instead: at the segment's times, its whole text on one
 *     line (whitespace collapsed), neither wrapped nor split, so the three limits above do not
 *     apply; not with {@code highlightWords}
 * @param vttCueNumbers whether WebVTT cues carry their number as the cue identifier (SRT cues are
 *     always numbered)
 */
public record SubtitleOptions(
    int maxLineWidth,
    int maxLineCount,
    Double maxCueSeconds,
    boolean highlightWords,
    boolean cuePerSegment,
    boolean vttCueNumbers) {

  /** Parameter names, shared by the HTTP endpoint and the {@code subtitles} component. */
  public static final String MAX_LINE_WIDTH = "max_line_width";

  public static final String MAX_LINE_COUNT = "max_line_count";
  public static final String MAX_CUE_DURATION = "max_cue_duration";
  public static final String HIGHLIGHT_WORDS = "highlight_words";

  /** 42 columns is the usual broadcast limit (21 CJK characters). */
  public static final int DEFAULT_MAX_LINE_WIDTH = 42;

  public static final int DEFAULT_MAX_LINE_COUNT = 2;
  public static final int MAX_LINE_WIDTH_LIMIT = 1000;
  public static final int MAX_LINE_COUNT_LIMIT = 10;
  public static final double MIN_CUE_SECONDS = 0.5;
  public static final double MAX_CUE_SECONDS = 3600;

  public SubtitleOptions {
    requireInRange(MAX_LINE_WIDTH, maxLineWidth, 1, MAX_LINE_WIDTH_LIMIT);
    requireInRange(MAX_LINE_COUNT, maxLineCount, 1, MAX_LINE_COUNT_LIMIT);
    if (maxCueSeconds != null
        && (maxCueSeconds.isNaN()
            || maxCueSeconds < MIN_CUE_SECONDS
            || maxCueSeconds > MAX_CUE_SECONDS)) {
      throw new InvalidSubtitleRequest(cueDurationMessage(maxCueSeconds));
    }
    if (cuePerSegment && highlightWords) {
      throw new InvalidSubtitleRequest(
          "Parameter '" + HIGHLIGHT_WORDS + "' needs cues shaped by words, not one per segment");
    }
  }

  /** Cues shaped by these limits, numbered in WebVTT too. */
  public SubtitleOptions(
      int maxLineWidth, int maxLineCount, Double maxCueSeconds, boolean highlightWords) {
    this(maxLineWidth, maxLineCount, maxCueSeconds, highlightWords, false, true);
  }

  /**
   * One cue per segment with text, on one line, and WebVTT cues without identifiers: the shape of
   * OpenAI's {@code srt} and {@code vtt} response formats (and whisper's own writers without line
   * options).
   */
  public static SubtitleOptions perSegment() {
    SubtitleOptions d = defaults();
    return new SubtitleOptions(d.maxLineWidth, d.maxLineCount, null, false, true, false);
  }

  /** Two lines of 42 columns, no duration limit, no highlighting. */
  public static SubtitleOptions defaults() {
    return new SubtitleOptions(DEFAULT_MAX_LINE_WIDTH, DEFAULT_MAX_LINE_COUNT, null, false);
  }

  /**
   * The options from named values, as query parameters (text) or component parameters (JSON numbers
   * and booleans) give them; an absent, {@code null} or blank value takes the default.
   *
   * @throws InvalidSubtitleRequest for a value of the wrong kind or out of range, naming the
   *     parameter and what it accepts
   */
  public static SubtitleOptions from(Map<String, ?> values) {
    SubtitleOptions d = defaults();
    return new SubtitleOptions(
        integer(MAX_LINE_WIDTH, values.get(MAX_LINE_WIDTH), d.maxLineWidth, MAX_LINE_WIDTH_LIMIT),
        integer(MAX_LINE_COUNT, values.get(MAX_LINE_COUNT), d.maxLineCount, MAX_LINE_COUNT_LIMIT),
        seconds(values.get(MAX_CUE_DURATION)),
        bool(HIGHLIGHT_WORDS, values.get(HIGHLIGHT_WORDS)));
  }

  /** {@link #maxCueSeconds} in milliseconds, or {@link Long#MAX_VALUE} without a limit. */
  long maxCueMillis() {
    return maxCueSeconds == null ? Long.MAX_VALUE : Math.round(maxCueSeconds * 1000);
  }

  private static boolean absent(Object value) {
    return value == null || (value instanceof String s && s.isBlank());
  }

  private static int integer(String name, Object value, int fallback, int max) {
    if (absent(value)) {
      return fallback;
    }
    Long parsed = null;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      parsed = ((Number) value).longValue();
    } else if (value instanceof Number n) {
      // A JSON 40.0 is the integer 40; 40.5 is not.
      BigDecimal d = new BigDecimal(n.toString());
      if (d.stripTrailingZeros().scale() <= 0) {
        parsed = d.longValue();
      }
    } else if (value instanceof String s && s.strip().matches("[0-9]{1,9}")) {
      parsed = Long.parseLong(s.strip());
    }
    if (parsed == null || parsed < 1 || parsed > max) {
      throw new InvalidSubtitleRequest(
          "Invalid value '%s' for parameter '%s'; expected an integer between 1 and %d"
              .formatted(value, name, max));
    }
    return parsed.intValue();
  }

  private static void requireInRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidSubtitleRequest(
          "Invalid value '%d' for parameter '%s'; expected an integer between %d and %d"
              .formatted(value, name, min, max));
    }
  }

  private static Double seconds(Object value) {
    if (absent(value)) {
      return null;
    }
    double d = Double.NaN;
    if (value instanceof Number n) {
      d = n.doubleValue();
    } else if (value instanceof String s && s.strip().matches("[0-9]+(\\.[0-9]+)?")) {
      d = Double.parseDouble(s.strip());
    }
    if (Double.isNaN(d) || d < MIN_CUE_SECONDS || d > MAX_CUE_SECONDS) {
      throw new InvalidSubtitleRequest(cueDurationMessage(value));
    }
    return d;
  }

  private static String cueDurationMessage(Object value) {
    return "Invalid value '%s' for parameter '%s'; expected a number of seconds between %s and %s"
        .formatted(value, MAX_CUE_DURATION, MIN_CUE_SECONDS, (long) MAX_CUE_SECONDS);
  }

  private static boolean bool(String name, Object value) {
    if (absent(value)) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "on":
          return true;
        case "false", "0", "no", "off":
          return false;
        default:
          break;
      }
    }
    throw new InvalidSubtitleRequest(
        "Invalid value '%s' for parameter '%s'; allowed values: true, false"
            .formatted(value, name));
  }
}
