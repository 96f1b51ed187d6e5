package org.sttplatform.api.store;

/** Task priority. Stored and sent as the lower-case name. */
public enum TaskPriority {
  HIGH,
  NORMAL,
  LOW
}
