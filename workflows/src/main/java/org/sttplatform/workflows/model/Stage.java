package org.sttplatform.workflows.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Stages of the transcription pipeline, in order. */
public enum Stage {
  QUEUED,
  DOWNLOADING,
  EXTRACTING_AUDIO,
  TRANSCRIBING,
  STORING,
  COMPLETED,
  FAILED;

  /** Lower-case wire name, e.g. {@code extracting_audio}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
