package org.sttplatform.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test media made at test time with ffmpeg and espeak-ng (installed by ./stt test). */
public final class Media {
  /** What the tests make espeak-ng say: about 8 s of speech. */
  public static final String SPEECH =
      "Hello world. This is a test of the speech to text platform. "
          + "The quick brown fox jumps over the lazy dog.";

  private Media() {}

  /** Synthesises English speech into a WAV file. */
  public static Path speech(Path out, String text) throws Exception {
    run(List.of("espeak-ng", "-v", "en-us", "-s", "150", "-w", out.toString(), text));
    return out;
  }

  /** Runs ffmpeg quietly with the given arguments (output last), overwriting the output. */
  public static void ffmpeg(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-y", "-loglevel", "error"));
    command.addAll(List.of(args));
    run(command);
  }

  private static void run(List<String> command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          command.get(0) + " is not installed: run ./stt test or .ci/run, which install it", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
