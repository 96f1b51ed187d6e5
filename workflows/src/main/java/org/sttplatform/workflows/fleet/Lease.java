package org.sttplatform.workflows.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer to a {@code fleet.lease}: the worker that will run the transcription, and its queue.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Lease(String workerId, String queue) {}
