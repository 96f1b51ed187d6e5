package org.sttplatform.activities.subtitles;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The files a transcript can be written as, with their extension and HTTP media type. */
public enum SubtitleFormat {
  /** SubRip: numbered cues, {@code HH:MM:SS,mmm} times. */
  SRT("application/x-subrip"),
  /** WebVTT: a {@code WEBVTT} header, numbered cues, {@code HH:MM:SS.mmm} times. */
  VTT("text/vtt"),
  /** Plain text: one line per segment. */
  TXT("text/plain"),
  /** Whisper's TSV: a {@code start end text} header, then one segment a line, times in ms. */
  TSV("text/tab-separated-values"),
  /** The transcript itself, as the task result stores it. */
  JSON("application/json");

  private final String mediaType;

  SubtitleFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The name clients use, e.g. {@code srt}; also the file extension. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The file extension without the dot (the same as {@link #wireName()}). */
  public String extension() {
    return wireName();
  }

  /** The HTTP media type, without the charset (every format is written as UTF-8). */
  public String mediaType() {
    return mediaType;
  }

  /** Whether the format has timed cues that the shaping options apply to. */
  public boolean hasCues() {
    return this == SRT || this == VTT;
  }

  /** The names of all formats, in declaration order. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(SubtitleFormat::wireName).toList();
  }

  /**
   * The format named {@code value} (case-insensitive, surrounding spaces ignored).
   *
   * @param parameter the parameter's name, for the error message
   * @throws InvalidSubtitleRequest for an unknown or missing name, naming the allowed values
   */
  public static SubtitleFormat parse(String parameter, Object value) {
    if (value instanceof String s) {
      String name = s.strip().toLowerCase(Locale.ROOT);
      for (SubtitleFormat f : values()) {
        if (f.wireName().equals(name)) {
          return f;
        }
      }
    }
    throw new InvalidSubtitleRequest(
        "Invalid value '%s' for parameter '%s'; allowed values: %s"
            .formatted(value, parameter, String.join(", ", wireNames())));
  }
}
