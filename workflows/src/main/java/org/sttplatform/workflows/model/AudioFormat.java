package org.sttplatform.workflows.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audio formats audio extraction writes (the {@code extract_audio} endpoint and component),
 * with what each codec allows. The one place for these facts; {@link AudioConversion} checks a
 * request against them.
 */
public enum AudioFormat {
  /** PCM in RIFF/WAVE: 16-, 24- or 32-bit signed little-endian. */
  WAV("wav", "wav", "audio/wav", Rates.PCM, List.of(16, 24, 32)),
  /** MPEG-1/2/2.5 layer III (LAME); MPEG's sample rates only, no bit depth. */
  MP3("mp3", "mp3", "audio/mpeg", Rates.MPEG, List.of()),
  /** FLAC: 16- or 24-bit. */
  FLAC("flac", "flac", "audio/flac", Rates.PCM, List.of(16, 24)),
  /** Opus (libopus) in an Ogg container; the encoder's five rates, no bit depth. */
  OPUS("opus", "opus", "audio/ogg", List.of(8000, 12000, 16000, 24000, 48000), List.of()),
  /** AAC-LC in an MPEG-4 audio file; no bit depth. */
  M4A("m4a", "m4a", "audio/mp4", Rates.PCM, List.of());

  /** Rate lists shared by several formats. */
  private static final class Rates {
    static final List<Integer> PCM =
        List.of(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000);
    static final List<Integer> MPEG =
        List.of(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000);
  }

  /** Channel counts every format is written with. */
  public static final List<Integer> CHANNELS = List.of(1, 2);

  private final String id;
  private final String extension;
  private final String mediaType;
  private final List<Integer> sampleRates;
  private final List<Integer> bitDepths;

  AudioFormat(
      String id,
      String extension,
      String mediaType,
      List<Integer> sampleRates,
      List<Integer> bitDepths) {
    this.id = id;
    this.extension = extension;
    this.mediaType = mediaType;
    this.sampleRates = sampleRates;
    this.bitDepths = bitDepths;
  }

  /** The name clients use ({@code wav}, {@code mp3}, {@code flac}, {@code opus}, {@code m4a}). */
  public String id() {
    return id;
  }

  /** File extension of the written file, without the dot. */
  public String extension() {
    return extension;
  }

  /** The {@code Content-Type} of the written file. */
  public String mediaType() {
    return mediaType;
  }

  /** The sample rates (Hz) this format's encoder accepts, ascending. */
  public List<Integer> sampleRates() {
    return sampleRates;
  }

  /** The bit depths this format can be written with; empty when the codec has none. */
  public List<Integer> bitDepths() {
    return bitDepths;
  }

  /** Whether the codec has a bit depth to choose (PCM, FLAC). */
  public boolean hasBitDepth() {
    return !bitDepths.isEmpty();
  }

  /** The format named {@code id} (case-insensitive), if any. */
  public static Optional<AudioFormat> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
  }

  /** {@code wav, mp3, flac, opus, m4a}. */
  public static String ids() {
    return Arrays.stream(values()).map(AudioFormat::id).collect(Collectors.joining(", "));
  }
}
