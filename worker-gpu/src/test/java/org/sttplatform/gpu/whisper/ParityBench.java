package org.sttplatform.gpu.whisper;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sttplatform.gpu.activity.DecodeSettings;
import org.sttplatform.gpu.activity.WavReader;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.Transcript;

/**
 * On-demand engine parity benchmark (run by {@code bench/parity.sh}, not by the test suite): the
 * project's recognizer against whisper.cpp's own CLI ({@code main}) on the same WAV, model and
 * thread count, in interleaved rounds (the order alternates each round, so drift in the machine's
 * load hits both sides alike), and appends a Markdown section to {@code --out}.
 *
 * <p>The service side is what the transcription activity does: {@link WavReader#open} streamed into
 * {@link WhisperCppRecognizer#recognize}, {@link DecodeSettings#map} of the default decode options
 * with language {@code en}; its engine time is {@link Transcript#engineSeconds()}, the number the
 * service reports as {@code engine_seconds}. The CLI side runs {@code main -m MODEL -f WAV -t N -l
 * en -bs 1} (greedy like the service; the CLI's default is beam search 5) and, with {@code
 * --fallback false}, {@code -nf} and the service's temperature list {@code [0.0]}. Without it both
 * use whisper.cpp's fall-back (0.0 to 1.0 by 0.2, entropy threshold 2.4, log-prob -1, best-of 5),
 * the service's defaults. The CLI's engine time is its {@code total time - load time} from {@code
 * whisper_print_timings}, less the {@code whisper_init_state} time (allocating the KV caches and
 * compute buffers happens after the load in the CLI but once per pooled state in the service),
 * measured here on the same library.
 *
 * <p>Arguments: {@code --cli FILE --model FILE --wav FILE --threads N --rounds R --out FILE.md
 * --label TEXT [--fallback false] [--library-dir DIR]}.
 */
public final class ParityBench {

  private static final Pattern TIMING =
      Pattern.compile("whisper_print_timings:\\s+(\\w+) time =\\s+([0-9.]+) ms");
  private static final Pattern SYSTEM_INFO = Pattern.compile("(?m)^system_info: (.*)$");
  private static final Pattern FALLBACKS = Pattern.compile("fallbacks =\\s+(\\d+) p /\\s+(\\d+) h");

  private ParityBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path cli = Path.of(a.get("cli"));
    Path model = Path.of(a.get("model"));
    Path wav = Path.of(a.get("wav"));
    int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "5"));
    boolean fallback = Boolean.parseBoolean(a.getOrDefault("fallback", "true"));
    Path out = Path.of(a.get("out"));
    String label = a.getOrDefault("label", "");
    Path libraryDir = a.containsKey("library-dir") ? Path.of(a.get("library-dir")) : null;

    List<String> command =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "-m",
                model.toString(),
                "-f",
                wav.toString(),
                "-t",
                Integer.toString(threads),
                "-l",
                "en",
                "-bs",
                "1"));
    if (!fallback) {
      command.add("-nf");
    }
    WhisperOptions options = WhisperOptions.defaults().withThreads(threads);
    if (libraryDir != null) {
      options = options.withNativeLibraryDir(libraryDir);
    }
    StringBuilder md = new StringBuilder();
    try (WhisperCppRecognizer recognizer = WhisperCppRecognizer.load(model, options)) {
      WhisperNative lib = WhisperLibraryLoader.load(libraryDir);
      double stateInit = stateInitSeconds(lib, model);
      String systemInfo = lib.whisper_print_system_info().strip();

      // warm-up of both sides (page cache, the pooled state, the JIT); not counted
      CliRun warmCli = runCli(command);
      Transcript warm = recognize(recognizer, wav, threads, fallback);

      List<double[]> rows = new ArrayList<>();
      md.append(String.format(Locale.ROOT, "### %s%n%n", label));
      md.append(
          String.format(
              Locale.ROOT,
              "Library: %s; system info `%s`.%nCLI: `%s`; its `system_info: %s`.%nwhisper_init_state (median of 5):"
                  + " %.3f s. Warm-up: CLI %.2f s (%d segments), service %.2f s (%d segments).%n%n",
              libraryDir == null ? "bundled whisper-jni 1.7.1 build" : libraryDir,
              systemInfo,
              String.join(" ", command)
                  .replace(model.getParent() + "/", "")
                  .replace(wav.getParent() + "/", ""),
              warmCli.systemInfo(),
              stateInit,
              warmCli.engine() - stateInit,
              warmCli.segments(),
              warm.engineSeconds(),
              warm.segments().size()));
      md.append(
          "| round | order | CLI total − load − state s | service engine s | service / CLI |"
              + " CLI segments | service segments | CLI fallbacks p/h | load avg (1 min) |\n");
      md.append("|---|---|---:|---:|---:|---:|---:|---|---:|\n");
      for (int r = 1; r <= rounds; r++) {
        boolean cliFirst = r % 2 == 1;
        CliRun c = null;
        Transcript t = null;
        if (cliFirst) {
          c = runCli(command);
          t = recognize(recognizer, wav, threads, fallback);
        } else {
          t = recognize(recognizer, wav, threads, fallback);
          c = runCli(command);
        }
        double cliEngine = c.engine() - stateInit;
        rows.add(new double[] {cliEngine, t.engineSeconds()});
        String row =
            String.format(
                Locale.ROOT,
                "| %d | %s | %.2f | %.2f | %.3f | %d | %d | %s | %s |%n",
                r,
                cliFirst ? "CLI, service" : "service, CLI",
                cliEngine,
                t.engineSeconds(),
                t.engineSeconds() / cliEngine,
                c.segments(),
                t.segments().size(),
                c.fallbacks(),
                loadAverage());
        md.append(row);
        System.out.print(row);
      }
      double cliMedian = median(rows.stream().mapToDouble(x -> x[0]).toArray());
      double serviceMedian = median(rows.stream().mapToDouble(x -> x[1]).toArray());
      double ratioMedian = median(rows.stream().mapToDouble(x -> x[1] / x[0]).toArray());
      md.append(
          String.format(
              Locale.ROOT,
              "%n**Median engine seconds: CLI %.2f, service %.2f; ratio of medians %.3f, median"
                  + " of per-round ratios %.3f** (target ≤ 1.05).%n%n",
              cliMedian,
              serviceMedian,
              serviceMedian / cliMedian,
              ratioMedian));
    }
    Files.writeString(
        out, md, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.print(md);
  }

  static Transcript recognize(
      WhisperCppRecognizer recognizer, Path wav, int threads, boolean fallback) throws Exception {
    DecodeOptions d = DecodeOptions.defaults();
    DecodeOptions o =
        new DecodeOptions(
            "en",
            fallback ? d.temperature() : List.of(0.0),
            d.compressionRatioThreshold(),
            d.noSpeechThreshold(),
            d.conditionOnPreviousText(),
            d.initialPrompt(),
            d.wordTimestamps(),
            d.prependPunctuations(),
            d.appendPunctuations(),
            d.clipTimestamps(),
            d.hallucinationSilenceThreshold());
    try (WavReader.Samples samples = WavReader.open(wav)) {
      RecognitionSettings s =
          DecodeSettings.map(o, false, threads, samples.sampleCount() / 16000.0);
      return recognizer.recognize(samples, s, p -> {}, () -> false);
    }
  }

  /** Median time of whisper_init_state + free on a context of its own (5 runs). */
  static double stateInitSeconds(WhisperNative lib, Path model) {
    Pointer ref = lib.whisper_context_default_params_by_ref();
    WhisperNative.WhisperContextParams.ByValue cp =
        new WhisperNative.WhisperContextParams.ByValue(
            WhisperLibraryLoader.copy(ref, WhisperLibraryLoader.CONTEXT_PARAMS_SIZE));
    lib.whisper_free_context_params(ref);
    cp.use_gpu = 0;
    Pointer ctx =
        lib.whisper_init_from_file_with_params_no_state(model.toAbsolutePath().toString(), cp);
    if (ctx == null) {
      throw new IllegalStateException("cannot load " + model);
    }
    try {
      double[] t = new double[5];
      for (int i = 0; i < t.length; i++) {
        long t0 = System.nanoTime();
        Pointer st = lib.whisper_init_state(ctx);
        t[i] = (System.nanoTime() - t0) / 1e9;
        lib.whisper_free_state(st);
      }
      return median(t);
    } finally {
      lib.whisper_free(ctx);
    }
  }

  record CliRun(double engine, int segments, String fallbacks, String systemInfo) {}

  /** Runs the CLI; engine = total − load from its timings (state init still included). */
  static CliRun runCli(List<String> command) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("parity-cli", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(ProcessBuilder.Redirect.PIPE)
              .start();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException("whisper.cpp CLI failed: " + err);
      }
      Map<String, Double> times = new HashMap<>();
      Matcher m = TIMING.matcher(err);
      while (m.find()) {
        times.put(m.group(1), Double.parseDouble(m.group(2)) / 1000);
      }
      if (!times.containsKey("total") || !times.containsKey("load")) {
        throw new IOException("no timings in the CLI output: " + err);
      }
      Matcher f = FALLBACKS.matcher(err);
      String fallbacks = f.find() ? f.group(1) + "/" + f.group(2) : "?";
      Matcher si = SYSTEM_INFO.matcher(err);
      String systemInfo = si.find() ? si.group(1).strip() : "?";
      int segments =
          (int) Files.readAllLines(stdout).stream().filter(l -> l.startsWith("[")).count();
      return new CliRun(times.get("total") - times.get("load"), segments, fallbacks, systemInfo);
    } finally {
      Files.deleteIfExists(stdout);
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
