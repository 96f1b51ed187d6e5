package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/** Bad audio and files that are not models give clean Java exceptions, never a native crash. */
class WhisperCppBadInputTest extends AbstractWhisperCppRecognizerTest {

  @Test
  void rejectsBadInputInJava() {
    assertThatThrownBy(() -> recognizer.recognize(new float[0], settings("en", false), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no audio");
    assertThatThrownBy(
            () -> recognizer.recognize(new float[] {Float.NaN}, settings("en", false), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> recognizer.recognize(speech, settings("xx", false), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("language");
  }

  @Test
  void nonModelFilesGiveCleanExceptions() throws IOException {
    Path text = dir.resolve("not-a-model.bin");
    Files.writeString(text, "this is not a whisper model, just some text");
    assertThatThrownBy(() -> WhisperCppRecognizer.load(text, WhisperOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("magic");
    assertThatThrownBy(
            () -> WhisperCppRecognizer.load(dir.resolve("missing.bin"), WhisperOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);

    // an F32 header would make whisper.cpp 1.7.1 abort the JVM: refused before native code
    Path f32 = dir.resolve("f32.bin");
    Files.copy(model, f32);
    try (var ch = Files.newByteChannel(f32, StandardOpenOption.WRITE)) {
      ch.position(4 + 10 * 4);
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0));
    }
    assertThatThrownBy(() -> WhisperCppRecognizer.load(f32, WhisperOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftype 0");

    // a valid model followed by an unknown tensor: whisper.cpp itself rejects it (returns NULL)
    Path bogus = dir.resolve("bogus.bin");
    Files.copy(model, bogus);
    byte[] name = "bogus.weight".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(16 + name.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putInt(name.length).putInt(0).putInt(1).put(name).putFloat(1f);
    try (OutputStream out = Files.newOutputStream(bogus, StandardOpenOption.APPEND)) {
      out.write(b.array());
    }
    assertThatThrownBy(() -> WhisperCppRecognizer.load(bogus, WhisperOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot load model")
        .hasMessageContaining("bogus.weight");
  }
}
