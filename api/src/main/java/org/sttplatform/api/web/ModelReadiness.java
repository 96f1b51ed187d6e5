package org.sttplatform.api.web;

/** Whether the default whisper model is available to the transcription worker. */
public interface ModelReadiness {

  /** The current state; must return quickly (the health check calls it on every request). */
  Status status();

  /**
   * @param ready whether the model can be loaded
   * @param message a short human-readable explanation (e.g. which model is missing and how to get
   *     it)
   */
  record Status(boolean ready, String message) {}
}
