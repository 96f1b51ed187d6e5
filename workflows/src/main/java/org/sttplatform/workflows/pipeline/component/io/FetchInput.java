package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Input of {@code fetch}.
 *
 * @param workspace the run's working folder key
 * @param url the media URL
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchInput(String workspace, String url) {}
