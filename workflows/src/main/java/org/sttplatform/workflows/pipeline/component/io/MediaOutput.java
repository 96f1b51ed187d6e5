package org.sttplatform.workflows.pipeline.component.io;

import org.sttplatform.workflows.model.MediaRef;

/**
 * Output of {@code fetch}: {@code ${steps.<id>.output.media}} is the media reference later steps
 * take.
 *
 * @param media the downloaded file
 */
public record MediaOutput(MediaRef media) {}
