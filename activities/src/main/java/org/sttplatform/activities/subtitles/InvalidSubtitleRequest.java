package org.sttplatform.activities.subtitles;

/**
 * A subtitle request that cannot be served as asked: an unknown format, an option out of range, or
 * word highlighting for a transcript without word timings. The message names the parameter and what
 * it accepts, and can be shown to the client as it is.
 */
public class InvalidSubtitleRequest extends IllegalArgumentException {
  public InvalidSubtitleRequest(String message) {
    super(message);
  }
}
