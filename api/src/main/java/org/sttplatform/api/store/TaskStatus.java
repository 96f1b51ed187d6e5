package org.sttplatform.api.store;

/** Lifecycle of a task row. Stored and sent as the lower-case name. */
public enum TaskStatus {
  QUEUED,
  PROCESSING,
  COMPLETED,
  FAILED
}
