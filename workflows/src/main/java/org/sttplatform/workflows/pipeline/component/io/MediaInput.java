package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.sttplatform.workflows.model.MediaRef;

/**
 * Input of {@code probe}.
 *
 * @param workspace the run's working folder key
 * @param media a media reference from {@code fetch}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaInput(String workspace, MediaRef media) {}
