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
  }

  @Test
  void acceptsExtensiblePcmAndAnUnsetDataSize() throws Exception {
    Path file =
        wav(
            chunk("fmt ", fmt(1, 1, 16000, 16, true)),
            chunk("data", pcm((short) 8192, (short) -8192), 0xFFFFFFFF));

    assertThat(WavReader.read(file)).containsExactly(0.25f, -0.25f);
  }

  @Test
  void anEmptyDataChunkFollowedByAnotherChunkHasNoSamples() throws Exception {
    Path file =
        wav(
            chunk("fmt ", fmt(1, 1, 16000, 16, false)),
            chunk("data", new byte[0]),
            chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 1, 2, 3, 4}));

    assertThat(WavReader.read(file)).isEmpty();
  }

  @Test
  void aZeroDataSizeInTheLastChunkMeansToTheEndOfTheFile() throws Exception {
    Path file =
        wav(
            chunk("fmt ", fmt(1, 1, 16000, 16, false)),
            chunk("data", pcm((short) 8192, (short) -8192, (short) 16384), 0));

    assertThat(WavReader.read(file)).containsExactly(0.25f, -0.25f, 0.5f);
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
