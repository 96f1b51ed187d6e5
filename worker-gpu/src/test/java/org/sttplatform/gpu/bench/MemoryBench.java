package org.sttplatform.gpu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sttplatform.gpu.activity.DecodeSettings;
import org.sttplatform.gpu.activity.WavReader;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;
import org.sttplatform.workflows.model.Transcript;

/**
 * On-demand memory benchmark (run by {@code bench/memory.sh}, not by the test suite): generates
 * {@code --seconds} of 16 kHz mono s16 WAV (espeak-ng speech and silence, looped by ffmpeg),
 * transcribes it the way the transcription activity does ({@link WavReader#open} streamed into
 * {@link WhisperCppRecognizer}, default decode options) and appends one Markdown table row with the
 * process's RSS: at start, idle (model loaded, one warm-up clip, after a GC) and the peak sampled
 * every 100 ms while transcribing, plus the kernel's lifetime peak (VmHWM).
 *
 * <p>Arguments: {@code --model FILE --seconds N --threads T --work DIR --out FILE.md [--fallback
 * false]} (false: temperature 0 only, no fallback).
 */
public final class MemoryBench {

  private MemoryBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path model = Path.of(a.get("model"));
    long seconds = Long.parseLong(a.get("seconds"));
    int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
    Path work = Files.createDirectories(Path.of(a.get("work")));
    Path out = Path.of(a.get("out"));
    boolean fallback = Boolean.parseBoolean(a.getOrDefault("fallback", "true"));

    long rssStart = status("VmRSS");
    Path unit = unitClip(work);
    Path audio = work.resolve("long-" + seconds + ".wav");
    run(
        "ffmpeg",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-stream_loop",
        "-1",
        "-i",
        unit.toString(),
        "-t",
        Long.toString(seconds),
        "-ar",
        "16000",
        "-ac",
        "1",
        "-c:a",
        "pcm_s16le",
        audio.toString());

    try (WhisperCppRecognizer recognizer =
        WhisperCppRecognizer.load(model, WhisperOptions.defaults().withThreads(threads))) {
      float[] warm = WavReader.read(unit);
      recognizer.recognize(
          warm, DecodeSettings.map(null, false, threads, warm.length / 16000.0), null, null);
      warm = null;
      System.gc();
      Thread.sleep(2000);
      long idle = status("VmRSS");

      AtomicLong peak = new AtomicLong(idle);
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(status("VmRSS"), Math::max);
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "rss-sampler");
      sampler.setDaemon(true);
      sampler.start();
      long t0 = System.nanoTime();
      Transcript t;
      try (WavReader.Samples samples = WavReader.open(audio)) {
        RecognitionSettings settings =
            withoutFallback(
                DecodeSettings.map(null, false, threads, samples.sampleCount() / 16000.0),
                fallback);
        int[] last = {-1};
        t =
            recognizer.recognize(
                samples,
                settings,
                p -> {
                  if (p / 5 != last[0] / 5) {
                    last[0] = p;
                    System.out.printf(
                        Locale.ROOT,
                        "%3d %% after %.0f s, RSS %d MiB%n",
                        p,
                        (System.nanoTime() - t0) / 1e9,
                        status("VmRSS") / 1024);
                  }
                },
                null);
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      sampler.interrupt();
      sampler.join();
      peak.accumulateAndGet(status("VmRSS"), Math::max);
      long hwm = status("VmHWM");
      String row =
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %d | %d | %d | %d | **%d** | %d | %.0f | %.1f | %d |%n",
              hms(seconds),
              model.getFileName(),
              fallback ? "0.0,0.2,…,1.0" : "0.0",
              threads,
              Files.size(audio) / (1024 * 1024),
              rssStart / 1024,
              idle / 1024,
              (peak.get() - idle) / 1024,
              hwm / 1024,
              wall,
              seconds / wall,
              t.segments().size());
      Files.writeString(
          out, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      System.out.print(row);
    } finally {
      Files.deleteIfExists(audio);
    }
  }

  /**
   * The settings with temperature 0 only when {@code fallback} is false: random weights make
   * whisper.cpp retry most windows at every temperature, which multiplies the time, not the memory.
   */
  static RecognitionSettings withoutFallback(RecognitionSettings s, boolean fallback) {
    if (fallback) {
      return s;
    }
    return new RecognitionSettings(
        s.language(),
        s.translate(),
        List.of(0.0),
        s.compressionRatioThreshold(),
        s.noSpeechThreshold(),
        s.conditionOnPreviousText(),
        s.initialPrompt(),
        s.wordTimestamps(),
        s.prependPunctuations(),
        s.appendPunctuations(),
        s.clips(),
        s.hallucinationSilenceThreshold(),
        s.threads());
  }

  /** About 10 s of espeak-ng speech followed by 3 s of silence, 16 kHz mono s16. */
  static Path unitClip(Path work) throws IOException, InterruptedException {
    Path speech = work.resolve("speech.wav");
    Path unit = work.resolve("unit.wav");
    run(
        "espeak-ng",
        "-v",
        "en-us",
        "-s",
        "150",
        "-w",
        speech.toString(),
        "The quick brown fox jumps over the lazy dog. Speech recognition turns spoken words into"
            + " text, and this sentence gives the model about ten seconds of audio to work on.");
    run(
        "ffmpeg",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-i",
        speech.toString(),
        "-f",
        "lavfi",
        "-t",
        "3",
        "-i",
        "anullsrc=r=16000:cl=mono",
        "-filter_complex",
        "[0:a]aresample=16000,aformat=channel_layouts=mono[s];[s][1:a]concat=n=2:v=0:a=1",
        "-c:a",
        "pcm_s16le",
        unit.toString());
    return unit;
  }

  /** A {@code /proc/self/status} value in KiB (VmRSS, VmHWM). */
  static long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no " + key + " in /proc/self/status");
  }

  private static String hms(long s) {
    return s >= 3600
        ? (s / 3600) + " h" + (s % 3600 == 0 ? "" : " " + s % 3600 / 60 + " min")
        : (s / 60) + " min";
  }

  static void run(String... cmd) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(cmd));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(cmd[0] + " failed: " + output);
    }
  }
}
