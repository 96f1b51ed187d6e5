package org.sttplatform.gpu.vad;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test audio with known speech: espeak-ng phrases with silences placed between them by ffmpeg, and
 * where the speech really is inside each phrase, measured by ffmpeg's {@code silencedetect}.
 */
public final class VadAudio {

  private static final Pattern SILENCE_START = Pattern.compile("silence_start: ([0-9.]+)");
  private static final Pattern SILENCE_END = Pattern.compile("silence_end: ([0-9.]+)");

  private VadAudio() {}

  /** A phrase synthesised by espeak-ng (en-us, 150 wpm) as 16 kHz mono s16le WAV. */
  public static Path speak(String text, Path out) throws IOException, InterruptedException {
    Path raw = out.resolveSibling(out.getFileName() + ".espeak.wav");
    run(List.of("espeak-ng", "-v", "en-us", "-s", "150", "-w", raw.toString(), text));
    ffmpeg(
        List.of(
            "-i", raw.toString(), "-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le", out.toString()));
    return out;
  }

  /**
   * Where the sound of {@code wav} starts and ends, in seconds: espeak-ng's own leading and
   * trailing silence trimmed, as ffmpeg's {@code silencedetect} (below -50 dB for at least 50 ms)
   * sees it.
   */
  public static double[] soundBounds(Path wav, double duration)
      throws IOException, InterruptedException {
    String log =
        ffmpeg(
            List.of(
                "-i",
                wav.toString(),
                "-af",
                "silencedetect=noise=-50dB:d=0.05",
                "-f",
                "null",
                "-"));
    List<Double> starts = all(SILENCE_START, log);
    List<Double> ends = all(SILENCE_END, log);
    double soundStart = 0;
    double soundEnd = duration;
    if (!starts.isEmpty() && starts.get(0) < 0.001 && !ends.isEmpty()) {
      soundStart = ends.get(0);
    }
    // A trailing silence starts and never ends (or ends at the end of the file).
    if (!starts.isEmpty()) {
      double last = starts.get(starts.size() - 1);
      boolean open = starts.size() > ends.size() || ends.get(ends.size() - 1) >= duration - 0.01;
      if (open && last > soundStart) {
        soundEnd = last;
      }
    }
    return new double[] {soundStart, soundEnd};
  }

  /**
   * Concatenates silences and WAVs with ffmpeg: {@code parts} are either a {@link Double} (seconds
   * of digital silence) or a {@link Path} (a 16 kHz mono WAV).
   */
  public static Path concat(Path out, List<Object> parts) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    StringBuilder filter = new StringBuilder();
    int i = 0;
    for (Object part : parts) {
      if (part instanceof Double seconds) {
        args.addAll(
            List.of(
                "-f", "lavfi", "-t", Double.toString(seconds), "-i", "anullsrc=r=16000:cl=mono"));
      } else {
        args.addAll(List.of("-i", part.toString()));
      }
      filter.append('[').append(i++).append(":a]");
    }
    filter.append("concat=n=").append(i).append(":v=0:a=1[out]");
    args.addAll(
        List.of(
            "-filter_complex",
            filter.toString(),
            "-map",
            "[out]",
            "-ar",
            "16000",
            "-ac",
            "1",
            "-c:a",
            "pcm_s16le",
            out.toString()));
    ffmpeg(args);
    return out;
  }

  /** {@code seconds} of white noise (ffmpeg {@code anoisesrc}) at the given amplitude. */
  public static Path noise(Path out, double seconds, double amplitude)
      throws IOException, InterruptedException {
    ffmpeg(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "anoisesrc=r=16000:color=white:seed=7:amplitude=" + amplitude + ":d=" + seconds,
            "-ac",
            "1",
            "-c:a",
            "pcm_s16le",
            out.toString()));
    return out;
  }

  /** {@code seconds} of digital silence. */
  public static Path silence(Path out, double seconds) throws IOException, InterruptedException {
    ffmpeg(
        List.of(
            "-f",
            "lavfi",
            "-t",
            Double.toString(seconds),
            "-i",
            "anullsrc=r=16000:cl=mono",
            "-c:a",
            "pcm_s16le",
            out.toString()));
    return out;
  }

  private static List<Double> all(Pattern p, String s) {
    List<Double> out = new ArrayList<>();
    Matcher m = p.matcher(s);
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  private static String ffmpeg(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-y"));
    cmd.addAll(args);
    return run(cmd);
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(cmd.get(0) + " failed: " + out);
    }
    return out;
  }
}
