package org.sttplatform.gpu.whisper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test speech: espeak-ng, then ffmpeg to 16 kHz mono s16le, read into floats. */
final class TestAudio {

  private TestAudio() {}

  /** Synthesises {@code text} with espeak-ng (en-us, 150 wpm) as 16 kHz mono samples. */
  static float[] speak(String text, Path dir) throws IOException, InterruptedException {
    Path wav = dir.resolve("speech.wav");
    Path raw = dir.resolve("speech.raw");
    run(List.of("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(), text));
    run(
        List.of(
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-i",
            wav.toString(),
            "-ar",
            "16000",
            "-ac",
            "1",
            "-f",
            "s16le",
            "-acodec",
            "pcm_s16le",
            raw.toString()));
    return readS16le(raw);
  }

  /** Reads raw little-endian signed 16-bit samples as floats in [-1, 1). */
  static float[] readS16le(Path raw) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getShort() / 32768f;
    }
    return out;
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(cmd.get(0) + " failed: " + out);
    }
  }
}
