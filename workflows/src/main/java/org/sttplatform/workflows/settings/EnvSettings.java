package org.sttplatform.workflows.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.sttplatform.workflows.pipeline.Durations;

/**
 * Typed reads of environment-style settings ({@code System.getenv()}, or a map standing in for it):
 * the one parser of the workers' and the API's variables. A blank value counts as unset, and values
 * are stripped. Every reader returns its {@code fallback} for an unset variable and refuses a value
 * it cannot read with an {@link IllegalArgumentException} that names the variable, the value and
 * what is expected, e.g. {@code STT_FLEET_HEARTBEAT must be a positive duration such as 3s or
 * 500ms, was 'soon'}.
 */
public final class EnvSettings {
  private static final String WHOLE_NUMBER = "a whole number";
  private static final String INT_NUMBER = "a whole number (at most " + Integer.MAX_VALUE + ")";
  private static final String POSITIVE_DURATION = "a positive duration such as 3s or 500ms";

  private final Map<String, String> env;

  /** Reads {@code env}; it is not copied. */
  public EnvSettings(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** The stripped value of {@code name}, or {@code fallback} if it is unset or blank. */
  public String string(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** {@code name} as a path (as written, not resolved), or {@code fallback}. */
  public Path path(String name, Path fallback) {
    String value = string(name, null);
    return value == null ? fallback : Path.of(value);
  }

  /**
   * {@code name} as {@code true}/{@code 1}/{@code yes}/{@code on} or {@code false}/{@code 0}/{@code
   * no}/{@code off} (any case), or {@code fallback}.
   */
  public boolean bool(String name, boolean fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw refused(name, value, "true or false (or 1/0, yes/no, on/off)", null);
    };
  }

  /** {@code name} as a whole number that fits an {@code int}, or {@code fallback}. */
  public int integer(String name, int fallback) {
    return read(name, fallback, Integer::parseInt, INT_NUMBER);
  }

  /** {@code name} as a whole number that fits a {@code long}, or {@code fallback}. */
  public long longInteger(String name, long fallback) {
    return read(name, fallback, Long::parseLong, WHOLE_NUMBER);
  }

  /** {@code name} as a number ({@link Double#parseDouble}), e.g. {@code 600} or {@code 12.5}. */
  public double decimal(String name, double fallback) {
    return read(name, fallback, Double::parseDouble, "a number such as 600 or 12.5");
  }

  /** {@code name} as a whole number of seconds, e.g. {@code 30}, or {@code fallback}. */
  public Duration seconds(String name, Duration fallback) {
    return read(
        name,
        fallback,
        v -> Duration.ofSeconds(Long.parseLong(v)),
        "a whole number of seconds such as 30");
  }

  /**
   * {@code name} as a byte count, or {@code fallback}: a whole number with an optional binary
   * multiple {@code k}, {@code m} or {@code g} (1024, 1024², 1024³), which may be followed by
   * {@code i} and then {@code b}, any case, e.g. {@code 123}, {@code 500k}, {@code 500m}, {@code
   * 2g}, {@code 2GiB}, {@code 64 KB}.
   */
  public long bytes(String name, long fallback) {
    return read(
        name, fallback, EnvSettings::parseBytes, "a byte count such as 1048576, 500k, 500m or 2g");
  }

  /**
   * {@code name} as a duration in {@link Durations}' form, e.g. {@code 90m}, or {@code fallback}.
   */
  public Duration duration(String name, Duration fallback) {
    return read(name, fallback, Durations::parse, "a duration such as 30s, 90m or 1h30m");
  }

  /** Like {@link #duration}, but zero is refused too. */
  public Duration positiveDuration(String name, Duration fallback) {
    return read(
        name,
        fallback,
        v -> {
          Duration parsed = Durations.parse(v);
          if (parsed.isZero()) {
            throw new IllegalArgumentException("zero");
          }
          return parsed;
        },
        POSITIVE_DURATION);
  }

  /**
   * The value of {@code name} read by {@code parse}, or {@code fallback} if unset; what {@code
   * parse} refuses (an {@link IllegalArgumentException}, which {@link NumberFormatException} is, or
   * an {@link ArithmeticException} for an overflow) is refused naming the variable.
   */
  private <T> T read(String name, T fallback, Function<String, T> parse, String expected) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw refused(name, value, expected, e);
    }
  }

  /** {@code 123}, {@code 500k}, {@code 2GiB}, {@code 64 KB}: see {@link #bytes}. */
  private static long parseBytes(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (v.endsWith("b")) {
      v = v.substring(0, v.length() - 1);
    }
    if (v.endsWith("ki") || v.endsWith("mi") || v.endsWith("gi")) {
      v = v.substring(0, v.length() - 1);
    }
    long factor =
        switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
          case 'k' -> 1024L;
          case 'm' -> 1024L * 1024;
          case 'g' -> 1024L * 1024 * 1024;
          default -> 1;
        };
    if (factor > 1) {
      v = v.substring(0, v.length() - 1).strip();
    }
    return Math.multiplyExact(Long.parseLong(v), factor);
  }

  private static IllegalArgumentException refused(
      String name, String value, String expected, Exception cause) {
    return new IllegalArgumentException(
        name + " must be " + expected + ", was '" + value + "'", cause);
  }
}
