package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.sttplatform.workflows.model.MediaRef;

/**
 * Input of {@code probe} and {@code extract_audio}.
 *
 * @param workspace the run's working folder key
 * @param media a media reference from {@code fetch}
 * @param probe for {@code extract_audio}: also probe the file (ffprobe beside ffmpeg, one step
 *     instead of two; the probe's checks decide) and return its facts ({@code null}: no)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaInput(String workspace, MediaRef media, Boolean probe) {

  public MediaInput(String workspace, MediaRef media) {
    this(workspace, media, null);
  }
}
