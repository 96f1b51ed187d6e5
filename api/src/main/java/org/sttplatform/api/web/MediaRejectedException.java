package org.sttplatform.api.web;

/**
 * The upload is not something we can transcribe: not a media file, or no audio stream. The message
 * is returned to the client (HTTP 415), so it must be user-readable and contain no paths.
 */
public class MediaRejectedException extends RuntimeException {

  /** Why the media was rejected. */
  public enum Reason {
    /** Not a media file, or unreadable / corrupt. */
    NOT_MEDIA,
    /** A media file without an audio stream. */
    NO_AUDIO_STREAM
  }

  private final Reason reason;

  public MediaRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public MediaRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
