package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * Output of {@code probe}: what ffprobe says, in the definitions' snake_case names.
 *
 * @param durationSeconds duration in seconds
 * @param formatName ffprobe's container name
 * @param audioCodec codec of the first audio stream
 * @param sampleRate its sample rate
 * @param channels its channel count
 * @param sizeBytes the file's size
 */
public record ProbeOutput(
    @JsonProperty("duration_seconds") double durationSeconds,
    @JsonProperty("format_name") String formatName,
    @JsonProperty("audio_codec") String audioCodec,
    @JsonProperty("sample_rate") int sampleRate,
    @JsonProperty("channels") int channels,
    @JsonProperty("size_bytes") long sizeBytes) {

  public static ProbeOutput of(MediaInfo info) {
    return new ProbeOutput(
        info.durationSeconds(),
        info.formatName(),
        info.audioCodec(),
        info.sampleRate(),
        info.channels(),
        info.sizeBytes());
  }

  /** The same facts as the workflows' {@link MediaInfo}. */
  public MediaInfo toInfo() {
    return new MediaInfo(durationSeconds, formatName, audioCodec, sampleRate, channels, sizeBytes);
  }
}
