package org.sttplatform.api.pipeline;

import java.util.regex.Pattern;
import org.sttplatform.api.web.ApiException;

/** Strict parsing of the pipeline endpoints' query parameters. */
final class QueryParams {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private QueryParams() {}

  /**
   * ASCII digits within {@code [min, max]}, or {@code fallback} when absent or blank.
   *
   * @throws ApiException 400 naming the parameter otherwise
   */
  static Integer integer(String name, String value, Integer fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (!DIGITS.matcher(value).matches()) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter '%s'; expected an integer from %d to %d"
              .formatted(value, name, min, max));
    }
    int n = Integer.parseInt(value);
    if (n < min || n > max) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter '%s'; expected an integer from %d to %d"
              .formatted(value, name, min, max));
    }
    return n;
  }

  /** The value, or {@code null} when absent or blank. */
  static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
