package org.sttplatform.gpu.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sttplatform.gpu.model.ModelStore;
import org.sttplatform.gpu.model.ModelStoreConfig;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.model.VadModelStore;
import org.sttplatform.gpu.vad.VadAudio;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;
import org.sttplatform.storage.FileStore;
import org.sttplatform.storage.LocalFileStore;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;

/**
 * On-demand VAD benchmark (run by {@code bench/vad.sh}, not by the test suite): a clip that is half
 * silence (two espeak-ng paragraphs, each followed by as much digital silence as it lasts),
 * transcribed by the real transcription activity with {@code vad_filter} false and true,
 * alternately, {@code --runs} times each; appends a Markdown report with the median engine seconds,
 * their ratio, the VAD's own time and the segments of the last run of each.
 *
 * <p>Arguments: {@code --model FILE --vad-model FILE --threads T --runs N --work DIR --out
 * FILE.md}.
 */
public final class VadBench {
  /** Rooted at "/", so that every temporary file has a key. */
  static final FileStore FILES = new LocalFileStore(Path.of("/"));

  private static final List<String> PARAGRAPHS =
      List.of(
          "The quarterly meeting will start at nine in the main hall. Please bring the report,"
              + " the budget figures and your questions for the finance team.",
          "After the break we will review the new release plan. Each team presents its progress,"
              + " its risks and what it needs from the others before the end of the month.");

  private VadBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path model = Path.of(a.get("model"));
    Path vadModel = Path.of(a.get("vad-model"));
    int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
    int runs = Integer.parseInt(a.getOrDefault("runs", "3"));
    Path work = Files.createDirectories(Path.of(a.get("work")));
    Path out = Path.of(a.get("out"));

    List<Object> parts = new ArrayList<>();
    double speech = 0;
    for (int i = 0; i < PARAGRAPHS.size(); i++) {
      Path p = VadAudio.speak(PARAGRAPHS.get(i), work.resolve("p" + i + ".wav"));
      double seconds = (Files.size(p) - 44) / 32000.0; // ffmpeg's 44-byte-ish header: ± 1 ms
      parts.add(p);
      parts.add(seconds);
      speech += seconds;
    }
    Path clip = VadAudio.concat(work.resolve("clip.wav"), parts);

    String name = model.getFileName().toString().replaceFirst("^ggml-", "").replace(".bin", "");
    ModelStore store =
        new ModelStore(
            new ModelStoreConfig(
                model.getParent(), name, null, false, "http://127.0.0.1:9", Map.of()));
    try (RecognizerPool pool =
            new RecognizerPool(
                store,
                (n, f) ->
                    WhisperCppRecognizer.load(f, WhisperOptions.defaults().withThreads(threads)),
                1);
        TranscriptionActivitiesImpl impl =
            new TranscriptionActivitiesImpl(
                FILES,
                pool,
                threads,
                Duration.ofSeconds(1),
                new VadModelStore(vadModel, work, false, null, ModelStore.defaultClient()))) {
      TestActivityEnvironment env = TestActivityEnvironment.newInstance();
      env.registerActivitiesImplementations(impl);
      TranscriptionActivities activities =
          env.newActivityStub(
              TranscriptionActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(30))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      // Temperature 0 only: random weights make the fall-back retry most windows, at random.
      DecodeOptions base =
          new DecodeOptions(
              "en", List.of(0.0), 2.4, 0.6, true, null, false, null, null, List.of(), null);
      Transcript warm = run(activities, clip, work, name, base, 0);
      List<Double> off = new ArrayList<>();
      List<Double> on = new ArrayList<>();
      Transcript lastOff = warm;
      Transcript lastOn = null;
      for (int i = 0; i < runs; i++) {
        lastOff = run(activities, clip, work, name, base, i + 1);
        off.add(lastOff.engineSeconds());
        lastOn = run(activities, clip, work, name, base.withVad(true, null), i + 1);
        on.add(lastOn.engineSeconds());
      }
      env.close();
      report(out, clip, speech, runs, threads, name, off, on, lastOff, lastOn);
    }
    // The test environment's gRPC threads are not daemons and would keep the JVM alive.
    System.exit(0);
  }

  private static Transcript run(
      TranscriptionActivities activities,
      Path clip,
      Path work,
      String model,
      DecodeOptions options,
      int i)
      throws Exception {
    Path dir = Files.createDirectories(work.resolve("task-" + i + "-" + options.vadFilter()));
    Path audio = Files.copy(clip, dir.resolve("audio.wav"));
    TranscriptRef ref =
        activities.transcribe(
            new TranscribeInput(i, new AudioRef(FILES.put(audio), 0), false, model, options));
    return new ObjectMapper().readValue(FILES.localFile(ref.key()).toFile(), Transcript.class);
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static void report(
      Path out,
      Path clip,
      double speech,
      int runs,
      int threads,
      String model,
      List<Double> off,
      List<Double> on,
      Transcript lastOff,
      Transcript lastOn)
      throws Exception {
    StringBuilder b = new StringBuilder();
    double total = lastOff.duration();
    b.append(
        String.format(
            Locale.ROOT,
            "Clip: %.2f s, of which %.2f s espeak-ng speech (incl. its own pauses) and %.2f s"
                + " digital silence (%.0f %%). Model %s, %d threads, temperature 0, %d runs each"
                + " (after one warm-up).%n%n",
            total,
            speech,
            total - speech,
            100 * (total - speech) / total,
            model,
            threads,
            runs));
    b.append("| vad_filter | engine s (median) | engine s (runs) | segments | VAD s |\n");
    b.append("|---|---|---|---|---|\n");
    b.append(row("false", off, lastOff, "-"));
    b.append(
        row(
            "true",
            on,
            lastOn,
            String.format(
                Locale.ROOT,
                "%.3f (%d regions, speech ratio %.3f)",
                lastOn.vad().seconds(),
                lastOn.vad().regions().size(),
                lastOn.vad().speechRatio())));
    b.append(
        String.format(
            Locale.ROOT,
            "%n**Engine time ratio (true / false): %.2f** (target ≤ 0.6)%n%n",
            median(on) / median(off)));
    b.append("VAD regions: ");
    for (Transcript.Region r : lastOn.vad().regions()) {
      b.append(String.format(Locale.ROOT, "%.2f–%.2f s; ", r.start(), r.end()));
    }
    b.append("\n\n");
    b.append(segments("vad_filter=false", lastOff));
    b.append(segments("vad_filter=true", lastOn));
    Files.writeString(
        out,
        b.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    System.out.print(b);
  }

  private static String row(String vad, List<Double> times, Transcript t, String vadSeconds) {
    StringBuilder runs = new StringBuilder();
    for (double d : times) {
      runs.append(String.format(Locale.ROOT, "%.2f ", d));
    }
    return String.format(
        Locale.ROOT,
        "| %s | %.2f | %s| %d | %s |%n",
        vad,
        median(times),
        runs,
        t.segments().size(),
        vadSeconds);
  }

  private static String segments(String title, Transcript t) {
    StringBuilder b = new StringBuilder("Segments, " + title + ":\n\n");
    for (Transcript.Segment s : t.segments()) {
      b.append(
          String.format(Locale.ROOT, "- %.2f–%.2f `%s`%n", s.start(), s.end(), s.text().strip()));
    }
    return b.append('\n').toString();
  }
}
