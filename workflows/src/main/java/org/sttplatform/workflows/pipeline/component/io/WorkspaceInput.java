package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Input of the engine's clean-up activity.
 *
 * @param workspace the run's working folder key
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceInput(String workspace) {}
