package org.sttplatform.api.openai;

import java.util.Locale;

/** OpenAI's {@code response_format} values and the media type each answers with. */
enum ResponseFormat {
  JSON("application/json"),
  TEXT("text/plain;charset=UTF-8"),
  SRT("application/x-subrip;charset=UTF-8"),
  VTT("text/vtt;charset=UTF-8"),
  VERBOSE_JSON("application/json");

  final String mediaType;

  ResponseFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /**
   * @throws OpenAiException 400 naming {@code response_format} for another value
   */
  static ResponseFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return JSON;
    }
    for (ResponseFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(value.strip())) {
        return f;
      }
    }
    throw OpenAiException.invalid(
        "response_format",
        "Invalid value '%s' for parameter 'response_format'; expected json, text, srt, vtt or"
                .formatted(value)
            + " verbose_json");
  }
}
