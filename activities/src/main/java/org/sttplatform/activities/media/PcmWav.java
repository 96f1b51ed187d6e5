package org.sttplatform.activities.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.AudioFormat;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * A WAV file of 16-bit integer PCM whose header this class reads in Java, so that audio already in
 * the shape asked for (whisper's 16 kHz mono 16-bit WAV, most often) needs neither ffprobe nor
 * ffmpeg: on the project's 2-core VM each of those processes costs 120–170 ms, mostly in loading
 * its 215 shared libraries, for a 10 s clip that is then copied byte for byte.
 *
 * <p>{@link #read} accepts only what it can vouch for, and anything else goes to ffprobe and ffmpeg
 * as before: a {@code RIFF}/{@code WAVE} file whose {@code fmt } chunk says integer PCM (tag 1, or
 * {@code WAVE_FORMAT_EXTENSIBLE} with the PCM sub-format) at 16 bits, 1 or 2 channels and 8–48 kHz,
 * with consistent block alignment and byte rate, followed by a non-empty {@code data} chunk that
 * lies wholly inside the file. {@link #copyTo} then writes what ffmpeg's conversion to the same
 * format writes (the same 44-byte header, as {@code -fflags +bitexact} writes it, and the same
 * samples): {@code PcmWavTest} compares the two byte for byte.
 *
 * @param sampleRate samples per second
 * @param channels 1 or 2
 * @param dataOffset where the samples start in the file
 * @param dataBytes bytes of samples, a whole number of frames
 * @param fileBytes size of the file
 */
public record PcmWav(
    int sampleRate, int channels, long dataOffset, long dataBytes, long fileBytes) {

  /** ffprobe's name of the format. */
  public static final String FORMAT_NAME = "wav";

  /** ffprobe's name of the codec. */
  public static final String CODEC_NAME = "pcm_s16le";

  private static final int BITS = 16;
  private static final int HEADER_BYTES = 44;
  // Enough for fmt, fact, LIST/INFO, bext and the like; a file with more is left to ffmpeg.
  private static final int MAX_CHUNKS = 64;
  private static final int TAG_PCM = 1;
  private static final int TAG_EXTENSIBLE = 0xFFFE;
  // KSDATAFORMAT_SUBTYPE_PCM after its first two bytes (the tag, 1).
  private static final byte[] PCM_GUID_TAIL = {
    0x00,
    0x00,
    0x00,
    0x00,
    0x10,
    0x00,
    (byte) 0x80,
    0x00,
    0x00,
    (byte) 0xAA,
    0x00,
    0x38,
    (byte) 0x9B,
    0x71
  };
  // Copy in steps, so a cancelled activity stops within one step.
  private static final long COPY_STEP = 64L << 20;

  /**
   * The header of {@code file}, if it is a WAV file of the kind this class accepts.
   *
   * @throws IOException if the file cannot be read
   */
  public static Optional<PcmWav> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty(); // a pipe must be left to ffmpeg, unread
    }
    try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ)) {
      long size = in.size();
      if (size < HEADER_BYTES) {
        return Optional.empty();
      }
      if (!isRiffWave(in)) {
        return Optional.empty();
      }
      ByteBuffer fmt = null;
      for (Chunk chunk : chunksToData(in, size)) {
        if (chunk.id().equals("fmt ")) {
          if (fmt != null
              || chunk.length() < 16
              || chunk.length() > 64
              || chunk.start() + chunk.length() > size) {
            return Optional.empty();
          }
          fmt = readAt(in, chunk.start(), (int) chunk.length());
        } else if (chunk.id().equals("data")) {
          return fmt == null
              ? Optional.empty()
              : accepted(fmt, chunk.start(), chunk.length(), size);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Bytes of PCM in a WAV file ffmpeg wrote: the size of its {@code data} chunk, capped by what the
   * file holds (a muxer that could not seek back leaves a placeholder size); 0 if it has none.
   *
   * @throws IOException if the file cannot be read or is not a RIFF/WAVE file
   */
  static long dataBytes(Path wav) throws IOException {
    try (SeekableByteChannel in = Files.newByteChannel(wav, StandardOpenOption.READ)) {
      long size = in.size();
      if (size < 12) {
        return 0;
      }
      if (!isRiffWave(in)) {
        throw new IOException("Not a RIFF/WAVE file: " + wav.getFileName());
      }
      for (Chunk chunk : chunksToData(in, size)) {
        if (chunk.id().equals("data")) {
          long available = size - chunk.start();
          return chunk.length() == 0xFFFFFFFFL || chunk.length() > available
              ? available
              : chunk.length();
        }
      }
      return 0;
    }
  }

  /** A chunk's id, where its body starts and the length its head states. */
  private record Chunk(String id, long start, long length) {}

  private static boolean isRiffWave(SeekableByteChannel in) throws IOException {
    ByteBuffer riff = readAt(in, 0, 12);
    return tag(riff, 0).equals("RIFF") && tag(riff, 8).equals("WAVE");
  }

  /** The chunk heads after the RIFF header, up to and including the first {@code data} chunk. */
  private static List<Chunk> chunksToData(SeekableByteChannel in, long size) throws IOException {
    List<Chunk> chunks = new ArrayList<>();
    long pos = 12;
    while (chunks.size() < MAX_CHUNKS && pos + 8 <= size) {
      ByteBuffer head = readAt(in, pos, 8);
      Chunk chunk = new Chunk(tag(head, 0), pos + 8, Integer.toUnsignedLong(head.getInt(4)));
      chunks.add(chunk);
      if (chunk.id().equals("data")) {
        break;
      }
      pos = chunk.start() + chunk.length() + (chunk.length() & 1);
    }
    return chunks;
  }

  private static Optional<PcmWav> accepted(ByteBuffer fmt, long start, long length, long size) {
    int tag = Short.toUnsignedInt(fmt.getShort(0));
    int channels = Short.toUnsignedInt(fmt.getShort(2));
    long rate = Integer.toUnsignedLong(fmt.getInt(4));
    long byteRate = Integer.toUnsignedLong(fmt.getInt(8));
    int blockAlign = Short.toUnsignedInt(fmt.getShort(12));
    int bits = Short.toUnsignedInt(fmt.getShort(14));
    if (tag == TAG_EXTENSIBLE) {
      if (fmt.limit() < 40
          || Short.toUnsignedInt(fmt.getShort(18)) != BITS
          || Short.toUnsignedInt(fmt.getShort(24)) != TAG_PCM
          || !Arrays.equals(slice(fmt, 26, PCM_GUID_TAIL.length), PCM_GUID_TAIL)) {
        return Optional.empty();
      }
    } else if (tag != TAG_PCM) {
      return Optional.empty();
    }
    boolean plain =
        bits == BITS
            && (channels == 1 || channels == 2)
            && rate >= 8_000
            && rate <= 48_000
            && blockAlign == channels * (BITS / 8)
            && byteRate == rate * blockAlign;
    // A placeholder or too large size (a truncated upload, a muxer that could not seek back) is
    // ffmpeg's to interpret.
    if (!plain || length > size - start) {
      return Optional.empty();
    }
    long frames = length / blockAlign;
    if (frames == 0) {
      return Optional.empty();
    }
    return Optional.of(new PcmWav((int) rate, channels, start, frames * blockAlign, size));
  }

  /** Whether {@link #copyTo} writes what ffmpeg would write for {@code conversion}. */
  public boolean holds(AudioConversion conversion) {
    return conversion.format() == AudioFormat.WAV
        && conversion.bitDepth() != null
        && conversion.bitDepth() == BITS
        && conversion.sampleRate() == sampleRate
        && conversion.channels() == channels;
  }

  /** Duration of the samples, as ffprobe states it for such a file. */
  public double durationSeconds() {
    return dataBytes / (double) bytesPerSecond();
  }

  /** What {@link MediaProbe} says of this file: the same facts ffprobe gives. */
  public MediaInfo info() {
    return new MediaInfo(
        durationSeconds(), FORMAT_NAME, CODEC_NAME, sampleRate, channels, fileBytes);
  }

  /**
   * Writes the samples of {@code source} (the file this header was read from) to {@code target}
   * behind a plain 44-byte header.
   *
   * @param progress called after each step with the milliseconds of audio copied so far; an
   *     exception it throws stops the copy and propagates
   */
  public void copyTo(Path source, Path target, LongConsumer progress) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(
                target,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      ByteBuffer header = header();
      while (header.hasRemaining()) {
        out.write(header);
      }
      long copied = 0;
      while (copied < dataBytes) {
        long step = Math.min(COPY_STEP, dataBytes - copied);
        long n = in.transferTo(dataOffset + copied, step, out);
        if (n <= 0) {
          throw new IOException(source.getFileName() + " ended while its samples were copied");
        }
        copied += n;
        progress.accept(copied * 1000 / bytesPerSecond());
      }
    }
  }

  private ByteBuffer header() {
    int blockAlign = channels * (BITS / 8);
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII));
    // RIFF sizes are 32-bit: ffmpeg writes the low bits of a larger size too.
    b.putInt((int) (36 + dataBytes));
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
    b.putInt(16);
    b.putShort((short) TAG_PCM);
    b.putShort((short) channels);
    b.putInt(sampleRate);
    b.putInt(sampleRate * blockAlign);
    b.putShort((short) blockAlign);
    b.putShort((short) BITS);
    b.put("data".getBytes(StandardCharsets.US_ASCII));
    b.putInt((int) dataBytes);
    return b.flip();
  }

  private int bytesPerSecond() {
    return sampleRate * channels * (BITS / 8);
  }

  private static ByteBuffer readAt(SeekableByteChannel in, long position, int length)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    in.position(position);
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        break;
      }
    }
    if (b.hasRemaining()) {
      throw new IOException("the file ended inside its header");
    }
    return b.flip();
  }

  private static String tag(ByteBuffer b, int offset) {
    return new String(slice(b, offset, 4), StandardCharsets.US_ASCII);
  }

  private static byte[] slice(ByteBuffer b, int offset, int length) {
    byte[] out = new byte[length];
    b.get(offset, out);
    return out;
  }
}
