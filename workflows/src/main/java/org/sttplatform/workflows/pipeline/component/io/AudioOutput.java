package org.sttplatform.workflows.pipeline.component.io;

import org.sttplatform.workflows.model.AudioRef;

/**
 * Output of {@code extract_audio}.
 *
 * @param audio the 16 kHz mono WAV, for {@code transcribe}
 */
public record AudioOutput(AudioRef audio) {}
