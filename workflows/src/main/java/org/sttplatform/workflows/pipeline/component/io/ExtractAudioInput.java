package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.sttplatform.workflows.model.MediaRef;

/**
 * Input of {@code extract_audio}. Absent options give what {@code transcribe} reads: 16 kHz mono
 * 16-bit WAV ({@link org.sttplatform.workflows.model.AudioConversion#WHISPER}).
 *
 * @param workspace the run's working folder key
 * @param media a media reference from {@code fetch}
 * @param format wav, mp3, flac, opus or m4a
 * @param sampleRate samples per second
 * @param channels 1 or 2
 * @param bitDepth bits per sample (wav 16, 24, 32; flac 16, 24); none for the other formats
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtractAudioInput(
    String workspace,
    MediaRef media,
    String format,
    @JsonProperty("sample_rate") Integer sampleRate,
    Integer channels,
    @JsonProperty("bit_depth") Integer bitDepth) {

  /** Whisper audio of {@code media}. */
  public ExtractAudioInput(String workspace, MediaRef media) {
    this(workspace, media, null, null, null, null);
  }
}
