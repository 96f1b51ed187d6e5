package org.sttplatform.workflows.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What audio extraction writes: format, sample rate, channels and, for PCM and FLAC, bit depth.
 * Made by {@link #of}, which checks the combination against {@link AudioFormat}.
 *
 * @param format the output format
 * @param sampleRate samples per second
 * @param channels 1 (mono) or 2 (stereo)
 * @param bitDepth bits per sample, or {@code null} for a codec without one (mp3, opus, m4a)
 */
public record AudioConversion(AudioFormat format, int sampleRate, int channels, Integer bitDepth) {

  /** What whisper.cpp reads, and the {@code extract_audio} component's default: 16 kHz mono WAV. */
  public static final AudioConversion WHISPER = new AudioConversion(AudioFormat.WAV, 16_000, 1, 16);

  /** The bit depth of a codec that has one when none is asked for. */
  public static final int DEFAULT_BIT_DEPTH = 16;

  /**
   * The names of the parameters a request gives the options in, for error messages (the endpoint
   * says {@code output_format} as the original did, a pipeline step {@code format}).
   */
  public record ParamNames(String format, String sampleRate, String channels, String bitDepth) {
    /** {@code format}, {@code sample_rate}, {@code channels}, {@code bit_depth}. */
    public static final ParamNames COMPONENT =
        new ParamNames("format", "sample_rate", "channels", "bit_depth");
  }

  /**
   * Checks a requested conversion. Absent values take defaults: the format {@code wav}, the sample
   * rate {@code preferredRate} or, if the format does not allow it, the format's next higher rate
   * (its highest if none is higher), {@code defaultChannels} channels, {@value #DEFAULT_BIT_DEPTH}
   * bits where the codec has a bit depth. A bit depth of 2, 3 or 4 is read as bytes per sample (16,
   * 24, 32 bits), as the original service's {@code bit_depth} was.
   *
   * @throws IllegalArgumentException naming the parameter and its allowed values: an unknown
   *     format, a sample rate the format does not allow, a channel count other than 1 or 2, a bit
   *     depth the format does not allow or a bit depth for a codec without one
   */
  public static AudioConversion of(
      String format,
      Integer sampleRate,
      Integer channels,
      Integer bitDepth,
      int preferredRate,
      int defaultChannels,
      ParamNames names) {
    AudioFormat f =
        format == null || format.isBlank()
            ? AudioFormat.WAV
            : AudioFormat.byId(format)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Invalid value '%s' for parameter '%s'; allowed: %s"
                                .formatted(format, names.format(), AudioFormat.ids())));
    int rate = sampleRate == null ? nearestRate(f, preferredRate) : sampleRate;
    if (!f.sampleRates().contains(rate)) {
      throw new IllegalArgumentException(
          "Invalid value '%d' for parameter '%s'; %s allows %s"
              .formatted(rate, names.sampleRate(), f.id(), join(f.sampleRates())));
    }
    int ch = channels == null ? defaultChannels : channels;
    if (!AudioFormat.CHANNELS.contains(ch)) {
      throw new IllegalArgumentException(
          "Invalid value '%d' for parameter '%s'; allowed: %s"
              .formatted(ch, names.channels(), join(AudioFormat.CHANNELS)));
    }
    Integer depth = null;
    if (!f.hasBitDepth()) {
      if (bitDepth != null) {
        throw new IllegalArgumentException(
            "Parameter '%s' does not apply to %s (its codec has no bit depth); it applies to %s"
                .formatted(names.bitDepth(), f.id(), bitDepthFormats()));
      }
    } else {
      depth = bitDepth == null ? DEFAULT_BIT_DEPTH : fromBytes(bitDepth);
      if (!f.bitDepths().contains(depth)) {
        throw new IllegalArgumentException(
            "Invalid value '%d' for parameter '%s'; %s allows %s"
                .formatted(bitDepth, names.bitDepth(), f.id(), join(f.bitDepths())));
      }
    }
    return new AudioConversion(f, rate, ch, depth);
  }

  /** Whether this is exactly what whisper.cpp reads. */
  public boolean isWhisperAudio() {
    return equals(WHISPER);
  }

  private static int fromBytes(int bitDepth) {
    return bitDepth >= 2 && bitDepth <= 4 ? bitDepth * 8 : bitDepth;
  }

  private static int nearestRate(AudioFormat f, int preferred) {
    List<Integer> rates = f.sampleRates();
    return rates.stream()
        .filter(r -> r >= preferred)
        .findFirst()
        .orElse(rates.get(rates.size() - 1));
  }

  private static String bitDepthFormats() {
    return java.util.Arrays.stream(AudioFormat.values())
        .filter(AudioFormat::hasBitDepth)
        .map(f -> f.id() + " (" + join(f.bitDepths()) + ")")
        .collect(Collectors.joining(" and "));
  }

  private static String join(List<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
