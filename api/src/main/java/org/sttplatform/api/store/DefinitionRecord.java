package org.sttplatform.api.store;

import java.time.Instant;

/**
 * One stored version of a pipeline definition.
 *
 * @param id the definition's id
 * @param version 1, 2, …: each stored change gets the next one
 * @param description its description, or {@code null}
 * @param content the definition JSON, its {@code version} field set to {@code version}
 * @param contentHash SHA-256 (hex) of the definition JSON without its version
 * @param triggerType how runs start: {@code MANUAL}, or the original schema's {@code SCHEDULED} /
 *     {@code EVENT} (recorded; acted on once schedules and triggers exist)
 * @param createdAt when this version was stored
 */
public record DefinitionRecord(
    String id,
    int version,
    String description,
    String content,
    String contentHash,
    String triggerType,
    Instant createdAt) {

  /** Runs start on request (the only trigger acted on so far). */
  public static final String MANUAL = "MANUAL";
}
