package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

  @TempDir Path dir;

  private static byte[] fmt(int format, int channels, int rate, int bits, boolean extensible) {
    ByteBuffer b = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) (extensible ? 0xFFFE : format));
    b.putShort((short) channels);
    b.putInt(rate);
    b.putInt(rate * channels * bits / 8);
    b.putShort((short) (channels * bits / 8));
    b.putShort((short) bits);
    if (extensible) {
      b.putShort((short) 22); // cbSize
      b.putShort((short) bits); // valid bits
      b.putInt(4); // channel mask
      b.putShort((short) format); // sub-format GUID starts with the format code
      b.put(new byte[14]);
    }
    return b.array();
  }

  private static byte[] chunk(String id, byte[] body, int declaredSize) {
    ByteBuffer b =
        ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(id.getBytes(StandardCharsets.US_ASCII));
    b.putInt(declaredSize);
    b.put(body);
    return b.array();
  }

  private static byte[] chunk(String id, byte[] body) {
    return chunk(id, body, body.length);
  }

  private static byte[] pcm(short... samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : samples) {
      b.putShort(s);
    }
    return b.array();
  }

  private Path wav(byte[]... chunks) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write("WAVE".getBytes(StandardCharsets.US_ASCII));
    for (byte[] c : chunks) {
      body.write(c);
    }
    ByteBuffer riff = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size());
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(riff.array());
    file.write(body.toByteArray());
    return Files.write(dir.resolve("a.wav"), file.toByteArray());
  }

  @Test
  void skipsOtherChunksIncludingOddSizedOnes() throws Exception {
    Path file =
        wav(
            chunk("fmt ", fmt(1, 1, 16000, 16, false)),
            chunk("LIST", new byte[] {1, 2, 3}), // odd size: one pad byte follows
            chunk("data", pcm((short) 0, Short.MAX_VALUE, Short.MIN_VALUE, (short) 16384)));

    assertThat(WavReader.read(file)).containsExactly(0f, 32767 / 32768f, -1f, 0.5f);
    assertStreamedInWindowsOfOne(file, 0f, 32767 / 32768f, -1f, 0.5f);
  }

  @Test
  void acceptsExtensiblePcmAndAnUnsetDataSize() throws Exception {
    Path file =
        wav(
            chunk("fmt ", fmt(1, 1, 16000, 16, true)),
            chunk("data", pcm((short) 8192, (short) -8192), 0xFFFFFFFF));

    assertThat(WavReader.read(file)).containsExactly(0.25f, -0.25f);
    assertStreamedInWindowsOfOne(file, 0.25f, -0.25f);
  }

  @Test
  void anEmptyDataChunkFollowedByAnotherChunkHasNoSamples() throws Exception {
    Path file =
        wav(
            chunk("fmt ", fmt(1, 1, 16000, 16, false)),
            chunk("data", new byte[0]),
            chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 1, 2, 3, 4}));

    assertThat(WavReader.read(file)).isEmpty();
    assertStreamedInWindowsOfOne(file);
  }

  @Test
  void aZeroDataSizeInTheLastChunkMeansToTheEndOfTheFile() throws Exception {
    Path file =
        wav(
            chunk("fmt ", fmt(1, 1, 16000, 16, false)),
            chunk("data", pcm((short) 8192, (short) -8192, (short) 16384), 0));

    assertThat(WavReader.read(file)).containsExactly(0.25f, -0.25f, 0.5f);
    assertStreamedInWindowsOfOne(file, 0.25f, -0.25f, 0.5f);
  }

  private static void assertStreamedInWindowsOfOne(Path file, float... expected) throws Exception {
    try (WavReader.Samples samples = WavReader.open(file)) {
      assertThat(samples.sampleCount()).isEqualTo(expected.length);
      float[] one = new float[1];
      for (int i = expected.length - 1; i >= 0; i--) { // any order: reads are positional
        samples.read(i, one, 0, 1);
        assertThat(one[0]).isEqualTo(expected[i]);
      }
    }
  }

  @Test
  void streamsWindowsOfOddSizesAcrossTheReadBuffer() throws Exception {
    int n = 1_300_001; // 2.6 MB of samples: several passes of the 1 MB read buffer
    short[] pcm = new short[n];
    for (int i = 0; i < n; i++) {
      pcm[i] = (short) (i * 7919);
    }
    Path file = wav(chunk("fmt ", fmt(1, 1, 16000, 16, false)), chunk("data", pcm(pcm)));
    try (WavReader.Samples samples = WavReader.open(file)) {
      assertThat(samples.sampleCount()).isEqualTo(n);
      float[] window = new float[700_001];
      long at = 0;
      int[] sizes = {1, 3, 524_289, 700_001, 13};
      for (int k = 0; at < n; k++) {
        int len = (int) Math.min(sizes[k % sizes.length], n - at);
        samples.read(at, window, 5 % (window.length - len + 1), len);
        for (int i = 0; i < len; i++) {
          assertThat(window[5 % (window.length - len + 1) + i])
              .isEqualTo(pcm[(int) at + i] / 32768f);
        }
        at += len;
      }
      float[] big = new float[2];
      assertThatThrownBy(() -> samples.read(n - 1, big, 0, 2))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
    assertThat(WavReader.read(file)).hasSize(n);
  }

  @Test
  void anOddTrailingDataByteIsNotASample() throws Exception {
    Path file =
        wav(
            chunk("fmt ", fmt(1, 1, 16000, 16, false)),
            chunk("data", new byte[] {0, 64, 0, 32, 7}));
    assertStreamedInWindowsOfOne(file, 0.5f, 0.25f);
  }

  @Test
  void rejectsOtherFormats() throws Exception {
    Path stereo = wav(chunk("fmt ", fmt(1, 2, 16000, 16, false)), chunk("data", pcm((short) 1)));
    assertThatThrownBy(() -> WavReader.read(stereo))
        .isInstanceOf(WavReader.UnsupportedAudioException.class)
        .hasMessageContaining("2 channel(s), 16000 Hz, 16 bits");

    Path floats = wav(chunk("fmt ", fmt(3, 1, 16000, 32, false)), chunk("data", new byte[4]));
    assertThatThrownBy(() -> WavReader.read(floats))
        .isInstanceOf(WavReader.UnsupportedAudioException.class)
        .hasMessageContaining("format 3");
  }

  @Test
  void rejectsFilesWithoutDataOrFormat() throws Exception {
    Path noData = wav(chunk("fmt ", fmt(1, 1, 16000, 16, false)));
    assertThatThrownBy(() -> WavReader.read(noData))
        .isInstanceOf(WavReader.UnsupportedAudioException.class)
        .hasMessageContaining("no 'data' chunk");

    Path noFormat = wav(chunk("data", pcm((short) 1)));
    assertThatThrownBy(() -> WavReader.read(noFormat))
        .isInstanceOf(WavReader.UnsupportedAudioException.class)
        .hasMessageContaining("no 'fmt ' chunk");

    Path tiny = Files.write(dir.resolve("t.wav"), new byte[] {'R', 'I'});
    assertThatThrownBy(() -> WavReader.read(tiny))
        .isInstanceOf(WavReader.UnsupportedAudioException.class);
  }
}
