package org.sttplatform.workflows;

import java.util.Locale;

/**
 * The longest media a task accepts ({@code STT_MAX_AUDIO_SECONDS}): checked by the API when an
 * upload is created (413) and by the probe step for {@code file_url} tasks (a non-retryable {@link
 * Failures#MEDIA_TOO_LARGE}), with the same message.
 */
public final class AudioDurationLimit {

  /** The environment variable. */
  public static final String ENV = "STT_MAX_AUDIO_SECONDS";

  /** The API's Spring property (set from {@link #ENV} in its application.yml). */
  public static final String PROPERTY = "stt.upload.max-audio-seconds";

  /** 6 hours. */
  public static final long DEFAULT_SECONDS = 21_600;

  private AudioDurationLimit() {}

  /**
   * Whether media of {@code seconds} is over {@code limitSeconds}; a limit of 0 or less is none.
   */
  public static boolean exceeds(double seconds, long limitSeconds) {
    return limitSeconds > 0 && seconds > limitSeconds;
  }

  /** What a user is told about media of {@code seconds} over {@code limitSeconds}. */
  public static String message(double seconds, long limitSeconds) {
    return String.format(
        Locale.ROOT,
        "The media is %s long (%.0f s), longer than the limit of %s (%d s) set by %s",
        hours(seconds),
        seconds,
        hours(limitSeconds),
        limitSeconds,
        ENV);
  }

  private static String hours(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
  }
}
