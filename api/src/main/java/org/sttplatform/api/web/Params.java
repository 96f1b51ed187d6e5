package org.sttplatform.api.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sttplatform.workflows.model.WhisperLanguages;

/**
 * Parses request values given as text. Every failure is a 400 naming the parameter and what it
 * accepts, never a 500 or a framework-shaped error.
 */
final class Params {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  /** Dates outside years 1 to 9999 are typos, and overflow epoch milliseconds at the extremes. */
  private static final Instant EARLIEST =
      LocalDate.of(1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  private static final Instant LATEST =
      LocalDate.of(10_000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  private Params() {}

  /** Trimmed value, or {@code null} if absent or blank. */
  static String blankToNull(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /**
   * A required task id: ASCII digits only. {@code Long.parseLong} would also take a sign and any
   * Unicode digit ({@code ١} is 1), and {@code blankToNull} would strip spaces; a client sending
   * those has a bug, and guessing what it meant could address (and delete) another task.
   */
  static long taskId(String value) {
    if (value == null || value.isEmpty()) {
      throw ApiException.badRequest("The 'task_id' parameter is required");
    }
    Long id = asciiDigits(value);
    if (id == null) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter 'task_id'; expected an integer task ID (digits 0-9)"
              .formatted(value));
    }
    return id;
  }

  /** The value of 1 to 19 ASCII digits, or {@code null} for anything else or an overflow. */
  static Long asciiDigits(String value) {
    if (value == null || value.isEmpty() || value.length() > 19) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null; // over Long.MAX_VALUE
    }
  }

  /** An enum constant by its case-insensitive name, or {@code fallback} if blank. */
  static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type, E fallback) {
    String v = blankToNull(value);
    if (v == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(v)) {
        return constant;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    throw ApiException.badRequest(
        "Invalid value '%s' for parameter '%s'; allowed values: %s".formatted(v, name, allowed));
  }

  static boolean bool(String name, String value, boolean fallback) {
    String v = blankToNull(value);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw ApiException.badRequest(
              "Invalid value '%s' for parameter '%s'; allowed values: true, false"
                  .formatted(v, name));
    };
  }

  /** A finite number in {@code [min, max]}, or {@code fallback} if blank. */
  static Double number(String name, String value, Double fallback, double min, double max) {
    String v = blankToNull(value);
    if (v == null) {
      return fallback;
    }
    return checkedNumber(name, v, min, max);
  }

  private static double checkedNumber(String name, String v, double min, double max) {
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      d = Double.NaN;
    }
    if (Double.isNaN(d) || Double.isInfinite(d) || d < min || d > max) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter '%s'; expected a number %s"
              .formatted(v, name, range(min, max)));
    }
    return d;
  }

  private static String range(double min, double max) {
    if (max == Double.MAX_VALUE) {
      return min == Double.MIN_VALUE ? "greater than 0" : "of at least " + fmt(min);
    }
    return "between %s and %s".formatted(fmt(min), fmt(max));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** A comma-separated list of finite numbers in {@code [min, max]}. */
  static List<Double> numberList(String name, String value, double min, double max) {
    List<Double> out = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty()) {
        throw ApiException.badRequest(
            "Invalid value '%s' for parameter '%s'; expected comma-separated numbers %s"
                .formatted(value, name, range(min, max)));
      }
      out.add(checkedNumber(name, p, min, max));
    }
    return out;
  }

  /** A lower-cased 2–3 letter language code, or {@code null} (detect) if blank. */
  static String language(String value) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (!LANGUAGE.matcher(lower).matches()) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter 'language'; expected an ISO 639 language code of 2 or"
                  .formatted(v)
              + " 3 letters (e.g. en, zh, ja), or empty to detect the language");
    }
    if (!WhisperLanguages.isKnown(lower)) {
      throw ApiException.badRequest(
          "Unknown language '%s' for parameter 'language'; Whisper knows: %s, or leave it empty to"
                  .formatted(v, String.join(", ", WhisperLanguages.CODES))
              + " detect the language");
    }
    return lower;
  }

  /**
   * The URL with the secret part of its user info replaced by {@code ***} (the password, or a token
   * given alone): tasks are listed to every API client, the login is only for the download or the
   * callback.
   */
  static String withoutPassword(String url) {
    if (url == null) {
      return null;
    }
    String userInfo;
    try {
      userInfo = new URI(url).getRawUserInfo();
    } catch (URISyntaxException e) {
      return url;
    }
    if (userInfo == null) {
      return url;
    }
    int colon = userInfo.indexOf(':');
    String masked = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
    int at = url.indexOf(userInfo + "@");
    return url.substring(0, at) + masked + url.substring(at + userInfo.length());
  }

  /** Whether the value is an absolute http(s) URL with a host. */
  static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null
          && !uri.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * An ISO-8601 date-time; without a zone it is UTC, a bare date is its UTC midnight. A space may
   * separate date and time.
   */
  static Instant instant(String name, String value) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    Instant parsed = parseInstant(name, v);
    if (parsed.isBefore(EARLIEST) || !parsed.isBefore(LATEST)) {
      throw ApiException.badRequest(
          "Invalid value '%s' for '%s'; expected a date between the years 1 and 9999"
              .formatted(v, name));
    }
    return parsed;
  }

  private static Instant parseInstant(String name, String v) {
    String s =
        v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the forms without a zone
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try a bare date
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          ("Invalid value '%s' for '%s'; expected an ISO-8601 date-time such as"
                  + " 2026-11-24T18:00:00Z or 2026-11-24T18:00:00 (UTC when no zone is given)")
              .formatted(v, name));
    }
  }
}
