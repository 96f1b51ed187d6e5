package org.sttplatform.gpu.model;

import java.nio.file.Path;

/**
 * Whether a model can be used, as cheap to compute as a file check: no network is involved.
 *
 * @param model canonical model name (or the name as given if it was invalid)
 * @param state where the model stands
 * @param path the file that is used ({@link State#PRESENT}) or that a download would create
 * @param url where a download would get it from, or {@code null} for an invalid name
 * @param message one line for a health check or a log
 */
public record ModelStatus(String model, State state, Path path, String url, String message) {

  /** Where a model stands. */
  public enum State {
    /** The file is on disk. */
    PRESENT,
    /** It is being downloaded right now. */
    DOWNLOADING,
    /** Not on disk, but will be downloaded on first use. */
    DOWNLOADABLE,
    /** Not on disk and downloads are disabled (or the name is invalid). */
    MISSING
  }

  /** Whether a transcription asking for this model can be expected to work. */
  public boolean usable() {
    return state != State.MISSING;
  }
}
