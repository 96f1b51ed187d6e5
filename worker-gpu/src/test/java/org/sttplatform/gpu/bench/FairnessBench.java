package org.sttplatform.gpu.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sttplatform.gpu.activity.DecodeSettings;
import org.sttplatform.gpu.activity.WavReader;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;

/**
 * On-demand benchmark of the machine's fairness (run by {@code bench/fairness.sh}, not by the test
 * suite; issue 8 part 4): whisper.cpp's threads spin, so two transcriptions side by side on a
 * 2-core machine can take longer in total than one after the other. Measures the wall time of two
 * transcriptions of the same clip:
 *
 * <ul>
 *   <li>{@code sequential}: one model instance ({@code STT_WHISPER_POOL_SIZE=1}) with {@code
 *       --cores} threads, the clips one after the other;
 *   <li>{@code pool 2, threads T}: two instances ({@code STT_WHISPER_POOL_SIZE=2}), each with T
 *       threads, the clips at the same time; T = cores / 2 is the service's default, T = cores the
 *       oversubscribed case.
 * </ul>
 *
 * <p>Rounds are interleaved (every configuration once per round) so that a change in the machine's
 * load hits all of them; the medians go into one Markdown table. Arguments: {@code --model FILE
 * --seconds N --cores C --rounds R --work DIR --out FILE.md}.
 */
public final class FairnessBench {

  private FairnessBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path model = Path.of(a.get("model"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
    int cores = Integer.parseInt(a.getOrDefault("cores", "2"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
    Path work = Files.createDirectories(Path.of(a.get("work")));
    Path out = Path.of(a.get("out"));

    Path unit = MemoryBench.unitClip(work);
    Path clip = work.resolve("clip.wav");
    MemoryBench.run(
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
        Integer.toString(seconds),
        "-ar",
        "16000",
        "-ac",
        "1",
        "-c:a",
        "pcm_s16le",
        clip.toString());
    float[] samples = WavReader.read(clip);

    int half = Math.max(1, cores / 2);
    List<Config> configs =
        List.of(new Config("sequential, 1 instance", 1, cores), new Config("pool 2", 2, half));
    List<Config> all = new ArrayList<>(configs);
    if (half != cores) {
      all.add(new Config("pool 2, oversubscribed", 2, cores));
    }
    Map<Config, List<Double>> walls = new HashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (Config c : all) {
        double wall = measure(model, samples, c);
        walls.computeIfAbsent(c, k -> new ArrayList<>()).add(wall);
        System.out.printf(
            Locale.ROOT, "round %d: %s, threads %d: %.2f s%n", round, c.name, c.threads, wall);
      }
    }
    double sequential = median(walls.get(all.get(0)));
    StringBuilder table = new StringBuilder();
    for (Config c : all) {
      double m = median(walls.get(c));
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.2f | %.2f | %s |%n",
              c.name,
              c.instances,
              c.threads,
              m,
              m / sequential,
              walls.get(c).stream().map(w -> String.format(Locale.ROOT, "%.2f", w)).toList()));
    }
    Files.writeString(
        out,
        table.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    System.out.print(table);
  }

  private record Config(String name, int instances, int threads) {}

  /** Wall time of two transcriptions of {@code samples} in configuration {@code c}. */
  private static double measure(Path model, float[] samples, Config c) throws Exception {
    List<WhisperCppRecognizer> instances = new ArrayList<>();
    try {
      for (int i = 0; i < c.instances; i++) {
        WhisperCppRecognizer r =
            WhisperCppRecognizer.load(model, WhisperOptions.defaults().withThreads(c.threads));
        // warm: the first call of an instance allocates its buffers
        r.recognize(new float[16000], settings(c.threads, 1.0), null, null);
        instances.add(r);
      }
      RecognitionSettings s = settings(c.threads, samples.length / 16000.0);
      long t0 = System.nanoTime();
      if (c.instances == 1) {
        instances.get(0).recognize(samples, s, null, null);
        instances.get(0).recognize(samples, s, null, null);
      } else {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Future<?>> both = new ArrayList<>();
          for (WhisperCppRecognizer r : instances) {
            both.add(pool.submit(() -> r.recognize(samples, s, null, null)));
          }
          for (Future<?> f : both) {
            f.get();
          }
        } finally {
          pool.shutdown();
        }
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      for (WhisperCppRecognizer r : instances) {
        r.close();
      }
    }
  }

  /** Default decode options at temperature 0 only (random weights would retry every window). */
  private static RecognitionSettings settings(int threads, double seconds) throws Exception {
    return MemoryBench.withoutFallback(DecodeSettings.map(null, false, threads, seconds), false);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
