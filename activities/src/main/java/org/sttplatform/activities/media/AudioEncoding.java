package org.sttplatform.activities.media;

import com.github.kokorin.jaffree.StreamType;
import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import org.sttplatform.workflows.model.AudioConversion;

/** The ffmpeg output options that write an {@link AudioConversion}. */
final class AudioEncoding {
  /** LAME's VBR quality 2 (about 170-210 kbit/s at 44.1 kHz stereo); valid at every MPEG rate. */
  private static final String MP3_VBR_QUALITY = "2";

  private AudioEncoding() {}

  /**
   * {@code output} set to write the input's first audio stream (nothing else: no video, subtitles,
   * data or metadata) as {@code conversion} says.
   */
  static UrlOutput output(UrlOutput output, AudioConversion conversion) {
    output
        .addArguments("-map", "0:a:0")
        .addArgument("-vn")
        .addArgument("-sn")
        .addArgument("-dn")
        .addArguments("-ac", Integer.toString(conversion.channels()))
        .addArguments("-ar", Integer.toString(conversion.sampleRate()))
        .addArguments("-map_metadata", "-1");
    switch (conversion.format()) {
      case WAV ->
          output
              .setFormat("wav")
              .setCodec(StreamType.AUDIO, "pcm_s" + conversion.bitDepth() + "le")
              // A plain 44-byte header (no LIST chunk), which readers of whisper audio expect.
              .addArguments("-fflags", "+bitexact");
      case FLAC -> {
        output.setFormat("flac").setCodec(StreamType.AUDIO, "flac");
        if (conversion.bitDepth() == 16) {
          output.addArguments("-sample_fmt", "s16");
        } else {
          // FLAC's encoder takes 24-bit samples in 32-bit containers.
          output.addArguments("-sample_fmt", "s32").addArguments("-bits_per_raw_sample", "24");
        }
      }
      case MP3 ->
          output
              .setFormat("mp3")
              .setCodec(StreamType.AUDIO, "libmp3lame")
              .addArguments("-q:a", MP3_VBR_QUALITY);
      case OPUS -> output.setFormat("ogg").setCodec(StreamType.AUDIO, "libopus");
      // "ipod" is ffmpeg's muxer for .m4a (MPEG-4 audio with the M4A brand).
      case M4A -> output.setFormat("ipod").setCodec(StreamType.AUDIO, "aac");
    }
    return output;
  }

  /** Bytes per second of PCM audio written as {@code conversion} (a WAV conversion). */
  static int pcmBytesPerSecond(AudioConversion conversion) {
    return conversion.sampleRate() * conversion.channels() * (conversion.bitDepth() / 8);
  }
}
