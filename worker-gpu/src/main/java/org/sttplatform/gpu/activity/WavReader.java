package org.sttplatform.gpu.activity;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.sttplatform.gpu.whisper.AudioSource;

/**
 * Reads 16 kHz mono 16-bit little-endian PCM WAV (what the media worker's ffmpeg writes) into
 * samples in [-1, 1). Walks the RIFF chunks properly: {@code fmt } must say PCM (or
 * WAVE_FORMAT_EXTENSIBLE with the PCM sub-format), 1 channel, 16000 Hz, 16 bits; other chunks
 * ({@code LIST}, {@code fact}…) are skipped; the samples are the {@code data} chunk. A {@code data}
 * size of 0xFFFFFFFF (unset, as written by a streaming encoder) or larger than the file means "to
 * the end of the file"; so does a size of 0, but only when no further chunk follows it (a genuinely
 * empty {@code data} chunk followed by, say, a {@code LIST} chunk has no samples).
 *
 * <p>{@link #open} parses the header and returns a {@link Samples} that reads windows of samples on
 * demand (positional reads, so memory stays bounded whatever the file's length); {@link #read}
 * reads a whole (short) file into one array.
 */
public final class WavReader {

  /** The only sample rate whisper.cpp takes. */
  public static final int SAMPLE_RATE = 16_000;

  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;
  private static final int CHUNK_BUFFER = 1 << 20;

  private WavReader() {}

  /** The file is not a WAV file of the required format; the message says what it is instead. */
  public static final class UnsupportedAudioException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedAudioException(String message) {
      super(message);
    }
  }

  /**
   * The samples of an open WAV file, read in windows. Not thread safe; close it to release the
   * file.
   */
  public static final class Samples implements AudioSource, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final long count;
    private ByteBuffer buffer;

    private Samples(Path file, FileChannel channel, long dataStart, long dataBytes) {
      this.file = file;
      this.channel = channel;
      this.dataStart = dataStart;
      this.count = dataBytes / 2; // an odd trailing byte is not a sample
    }

    @Override
    public long sampleCount() {
      return count;
    }

    /**
     * @throws EOFException if the file has become shorter than its header said
     */
    @Override
    public void read(long from, float[] into, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(from, length, count);
      Objects.checkFromIndexSize(offset, length, into.length);
      if (buffer == null) {
        buffer = ByteBuffer.allocate(CHUNK_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
      }
      long position = dataStart + 2 * from;
      int index = offset;
      int end = offset + length;
      while (index < end) {
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), 2L * (end - index)));
        if (!readFully(channel, buffer, position)) {
          throw new EOFException(file + " ended inside its data chunk");
        }
        position += buffer.limit();
        buffer.flip();
        while (buffer.remaining() >= 2) {
          into[index++] = buffer.getShort() / 32768f;
        }
      }
    }

    /** Closes the file; a failure to close a file only read from loses nothing and is ignored. */
    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // read-only: nothing to flush
      }
    }
  }

  /**
   * Reads all samples into one array: for short files and tests; transcription uses {@link #open}.
   *
   * @throws UnsupportedAudioException if the file is not 16 kHz mono s16le WAV
   * @throws IOException if the file cannot be read
   */
  public static float[] read(Path file) throws IOException, UnsupportedAudioException {
    try (Samples samples = open(file)) {
      if (samples.sampleCount() > Integer.MAX_VALUE - 8) {
        throw new UnsupportedAudioException(
            file + " is too long (" + samples.sampleCount() + " samples)");
      }
      float[] out = new float[(int) samples.sampleCount()];
      samples.read(0, out, 0, out.length);
      return out;
    }
  }

  /**
   * Opens the file and parses its header; the samples are read later, window by window.
   *
   * @throws UnsupportedAudioException if the file is not 16 kHz mono s16le WAV
   * @throws IOException if the file cannot be read
   */
  public static Samples open(Path file) throws IOException, UnsupportedAudioException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return header(file, channel);
    } catch (IOException | UnsupportedAudioException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static Samples header(Path file, FileChannel channel)
      throws IOException, UnsupportedAudioException {
    long fileSize = channel.size();
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    if (!readFully(channel, header, 0)) {
      throw new UnsupportedAudioException(
          file + " is not a WAV file: only " + fileSize + " bytes long");
    }
    String riff = fourCc(header, 0);
    String wave = fourCc(header, 8);
    if (!riff.equals("RIFF") || !wave.equals("WAVE")) {
      throw new UnsupportedAudioException(
          file + " is not a RIFF/WAVE file (starts with '" + printable(riff) + "')");
    }
    boolean formatSeen = false;
    long position = 12;
    ByteBuffer chunkHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    while (true) {
      chunkHeader.clear();
      if (!readFully(channel, chunkHeader, position)) {
        throw new UnsupportedAudioException(file + " has no 'data' chunk");
      }
      String id = fourCc(chunkHeader, 0);
      long size = Integer.toUnsignedLong(chunkHeader.getInt(4));
      long body = position + 8;
      if (id.equals("fmt ")) {
        checkFormat(file, channel, body, size);
        formatSeen = true;
      } else if (id.equals("data")) {
        if (!formatSeen) {
          throw new UnsupportedAudioException(file + " has no 'fmt ' chunk before its data");
        }
        long available = fileSize - body;
        if (size == 0xFFFFFFFFL
            || size > available
            || (size == 0 && !chunkFollows(channel, body, fileSize))) {
          size = available;
        }
        return new Samples(file, channel, body, size);
      }
      position = body + size + (size & 1);
    }
  }

  /**
   * Whether a plausible RIFF chunk header starts at {@code at}: four printable ASCII characters and
   * a size that fits in the file. Tells an empty {@code data} chunk followed by more chunks from a
   * streaming encoder's unset (0) size followed by the samples.
   */
  private static boolean chunkFollows(FileChannel channel, long at, long fileSize)
      throws IOException {
    if (fileSize - at < 8) {
      return false;
    }
    ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    if (!readFully(channel, header, at)) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      int c = header.get(i) & 0xFF;
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    long size = Integer.toUnsignedLong(header.getInt(4));
    return at + 8 + size <= fileSize;
  }

  private static void checkFormat(Path file, FileChannel channel, long at, long size)
      throws IOException, UnsupportedAudioException {
    if (size < 16) {
      throw new UnsupportedAudioException(file + " has a truncated 'fmt ' chunk");
    }
    ByteBuffer fmt = ByteBuffer.allocate((int) Math.min(size, 40)).order(ByteOrder.LITTLE_ENDIAN);
    if (!readFully(channel, fmt, at)) {
      throw new UnsupportedAudioException(file + " has a truncated 'fmt ' chunk");
    }
    int format = Short.toUnsignedInt(fmt.getShort(0));
    int channels = Short.toUnsignedInt(fmt.getShort(2));
    int rate = fmt.getInt(4);
    int bits = Short.toUnsignedInt(fmt.getShort(14));
    if (format == FORMAT_EXTENSIBLE && fmt.capacity() >= 26) {
      format = Short.toUnsignedInt(fmt.getShort(24)); // first two bytes of the sub-format GUID
    }
    if (format != FORMAT_PCM || channels != 1 || rate != SAMPLE_RATE || bits != 16) {
      throw new UnsupportedAudioException(
          file
              + " is not 16 kHz mono 16-bit PCM WAV (format "
              + format
              + ", "
              + channels
              + " channel(s), "
              + rate
              + " Hz, "
              + bits
              + " bits)");
    }
  }

  /** Fills {@code buffer} from {@code position}; false if the file ends first. */
  private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        return false;
      }
      at += n;
    }
    return true;
  }

  private static String fourCc(ByteBuffer buffer, int offset) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (buffer.get(offset + i) & 0xFF);
    }
    return new String(c);
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return b.toString();
  }
}
