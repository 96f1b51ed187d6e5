package org.sttplatform.api.store;

/** What to do with the speech. Stored and sent as the lower-case name. */
public enum TaskType {
  TRANSCRIBE,
  TRANSLATE
}
