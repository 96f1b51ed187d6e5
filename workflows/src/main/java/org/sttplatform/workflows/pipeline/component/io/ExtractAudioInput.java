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
 * @param probe also probe the file (in the same ffmpeg run, one step instead of two; the probe's
 *     checks decide) and return its facts ({@code null}: no)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtractAudioInput(
    String workspace,
    MediaRef media,
    String format,
    @JsonProperty("sample_rate") Integer sampleRate,
    Integer channels,
    @JsonProperty("bit_depth") Integer bitDepth,
    Boolean probe) {

  /** Whisper audio of {@code media}. */
  public ExtractAudioInput(String workspace, MediaRef media) {
    this(workspace, media, null, null, null, null, null);
  }

  /** A conversion of {@code media}, not probed. */
  public ExtractAudioInput(
      String workspace,
      MediaRef media,
      String format,
      Integer sampleRate,
      Integer channels,
      Integer bitDepth) {
    this(workspace, media, format, sampleRate, channels, bitDepth, null);
  }

  /** Whisper audio of {@code media}, probed too when {@code probe}. */
  public ExtractAudioInput(String workspace, MediaRef media, Boolean probe) {
    this(workspace, media, null, null, null, null, probe);
  }
}
