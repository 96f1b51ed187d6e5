package org.sttplatform.workflows.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Stages of the transcription pipeline, in order, each with the overall progress at which it
 * starts: the one place for these fractions (the workflow sets them, the API reads them).
 */
public enum Stage {
  QUEUED(0.0),
  DOWNLOADING(0.05),
  EXTRACTING_AUDIO(0.15),
  TRANSCRIBING(0.25),
  STORING(0.95),
  COMPLETED(1.0),
  /** Keeps the progress the task had. */
  FAILED(Double.NaN);

  private final double startsAt;

  Stage(double startsAt) {
    this.startsAt = startsAt;
  }

  /** The overall progress when the stage begins. */
  public double startsAt() {
    return startsAt;
  }

  /**
   * Overall progress while transcribing, from the engine's percentage: transcription spans {@link
   * #TRANSCRIBING} to {@link #STORING}.
   */
  public static double transcribing(int enginePercent) {
    double engine = Math.max(0, Math.min(100, enginePercent)) / 100.0;
    return TRANSCRIBING.startsAt + (STORING.startsAt - TRANSCRIBING.startsAt) * engine;
  }

  /** Lower-case wire name, e.g. {@code extracting_audio}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
