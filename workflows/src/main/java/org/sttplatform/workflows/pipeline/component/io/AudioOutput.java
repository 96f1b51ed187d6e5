package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.sttplatform.workflows.model.AudioRef;

/**
 * Output of {@code extract_audio}.
 *
 * @param audio the 16 kHz mono WAV, for {@code transcribe}
 * @param probe what ffprobe found, with {@code probe: true}; else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AudioOutput(AudioRef audio, ProbeOutput probe) {

  public AudioOutput(AudioRef audio) {
    this(audio, null);
  }
}
