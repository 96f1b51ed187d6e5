package org.sttplatform.workflows.pipeline;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as pipeline definitions write them: one or more {@code <digits><unit>} parts, units
 * {@code d}, {@code h}, {@code m}, {@code s}, {@code ms}, largest first and each at most once, e.g.
 * {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h30m}, {@code 2d}. No spaces, signs or fractions,
 * so every text has exactly one reading.
 */
public final class Durations {
  /** The accepted form; the JSON Schema of definitions uses the same pattern. */
  public static final String PATTERN = "^(?=\\d)(\\d+d)?(\\d+h)?(\\d+m(?!s))?(\\d+s)?(\\d+ms)?$";

  private static final Pattern FORM = Pattern.compile(PATTERN);

  private Durations() {}

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException if it is not such a duration, or overflows
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration; expected e.g. 10s, 5m, 1h30m, 500ms");
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "malformed duration '"
              + text
              + "': expected parts like 500ms, 10s, 5m, 1h, 2d, largest unit first (e.g. 1h30m)");
    }
    try {
      Duration d = Duration.ZERO;
      d = d.plusDays(part(m.group(1), 1));
      d = d.plusHours(part(m.group(2), 1));
      d = d.plusMinutes(part(m.group(3), 1));
      d = d.plusSeconds(part(m.group(4), 1));
      d = d.plusMillis(part(m.group(5), 2));
      return d;
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration '" + text + "' is too long", e);
    }
  }

  /** {@code true} if {@link #parse} accepts {@code text}. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The shortest text {@link #parse} reads back as {@code duration} (whole milliseconds). */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration " + duration);
    }
    long ms = duration.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms >= sizes[i]) {
        out.append(ms / sizes[i]).append(units[i]);
        ms %= sizes[i];
      }
    }
    return out.toString();
  }

  private static long part(String group, int unitLength) {
    return group == null ? 0 : Long.parseLong(group.substring(0, group.length() - unitLength));
  }
}
