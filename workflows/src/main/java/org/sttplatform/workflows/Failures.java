package org.sttplatform.workflows;

/**
 * Stable {@code ApplicationFailure} types. Activities raise them as non-retryable failures; the
 * workflow and the API map them to messages users can act on.
 */
public final class Failures {
  /** The media is unreadable, corrupt or not a media file. */
  public static final String BAD_MEDIA = "BadMedia";

  /** The media has no audio stream. */
  public static final String NO_AUDIO_STREAM = "NoAudioStream";

  /** The media URL is malformed, not allowed or answered with a client error (4xx). */
  public static final String BAD_URL = "BadUrl";

  /** The media is larger than the configured limit. */
  public static final String MEDIA_TOO_LARGE = "MediaTooLarge";

  /** The whisper model cannot be found, downloaded or loaded. */
  public static final String MODEL_UNAVAILABLE = "ModelUnavailable";

  /** The task was deleted while it ran. */
  public static final String TASK_GONE = "TaskGone";

  private Failures() {}
}
