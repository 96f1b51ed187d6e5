package org.sttplatform.api.openai;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.web.multipart.MultipartFile;

/**
 * One request to {@code /v1/audio/*}, as given.
 *
 * @param translate whether it came to {@code translations}
 * @param granularities {@code timestamp_granularities[]} values
 * @param stream {@code stream}: {@code true}, {@code false} or {@code null}
 */
record AudioRequest(
    boolean translate,
    MultipartFile file,
    String model,
    String language,
    String prompt,
    String temperature,
    String responseFormat,
    String[] granularities,
    String stream) {

  /**
   * The granularities under either name clients send them: {@code timestamp_granularities[]} or,
   * from clients that do not add the brackets, {@code timestamp_granularities}.
   */
  static String[] granularities(HttpServletRequest request, String[] bracketed) {
    List<String> all = new ArrayList<>();
    if (bracketed != null) {
      all.addAll(Arrays.asList(bracketed));
    }
    String[] plain = request.getParameterValues("timestamp_granularities");
    if (plain != null) {
      all.addAll(Arrays.asList(plain));
    }
    return all.toArray(String[]::new);
  }

  /** Whether the file part holds anything. */
  boolean hasFile() {
    return file != null && !file.isEmpty();
  }

  /**
   * @throws OpenAiException 400 naming {@code stream} for a value other than true or false
   */
  boolean streamed() {
    if (stream == null || stream.isBlank()) {
      return false;
    }
    return switch (stream.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw OpenAiException.invalid(
              "stream",
              "Invalid value '%s' for parameter 'stream'; expected true or false"
                  .formatted(stream));
    };
  }

  /** Which granularities were asked: {@code [segment, word]}. */
  boolean[] granularityFlags() {
    boolean segment = false;
    boolean word = false;
    for (String g : granularities) {
      // a client may send one comma-separated value
      for (String part : g.split(",")) {
        switch (part.strip()) {
          case "segment" -> segment = true;
          case "word" -> word = true;
          case "" -> {}
          default ->
              throw OpenAiException.invalid(
                  "timestamp_granularities[]",
                  "Invalid value '%s' for parameter 'timestamp_granularities[]'; expected segment or"
                          .formatted(part)
                      + " word");
        }
      }
    }
    return new boolean[] {segment, word};
  }
}
