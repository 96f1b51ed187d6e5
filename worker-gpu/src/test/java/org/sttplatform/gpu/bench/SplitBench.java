package org.sttplatform.gpu.bench;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sttplatform.gpu.GpuWorker;
import org.sttplatform.gpu.GpuWorkerSettings;
import org.sttplatform.gpu.activity.WavReader;
import org.sttplatform.gpu.model.VadModelStore;
import org.sttplatform.gpu.vad.SileroTestModel;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.FleetWorkflowImpl;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;
import org.sttplatform.workflows.pipeline.engine.LongFileSplit;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * On-demand benchmark of long files in parallel (run by {@code bench/split.sh}, not by the test
 * suite; issue 11 part 4): the wall time of one transcription of a long file (default 20 min) on
 * one transcription worker in one pass, on one worker in parts (the split's own cost), and on two
 * workers in parts (each worker with half the cores, as two processes on one machine would be, or
 * one GPU each). The workers run in this JVM on a Temporal test server, the engine's {@link
 * LongFileSplit} in front of them, so the plan, the leases, the parts and the stitch are the
 * service's. Arguments: {@code --model FILE --seconds N --cores C --span S --rounds R --work DIR
 * --out FILE.md}; with more than one round the table gives medians.
 */
public final class SplitBench {

  @WorkflowInterface
  public interface Split {
    @WorkflowMethod
    Map<String, Object> run(Map<String, Object> input, double span);
  }

  public static class SplitImpl implements Split {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> run(Map<String, Object> input, double span) {
      return (Map<String, Object>)
          LongFileSplit.execute(
              ActivityDefaults.transcribe(),
              BuiltInComponents.TRANSCRIBE_ACTIVITY,
              new LinkedHashMap<>(input),
              span,
              done -> {});
    }
  }

  private static final String WORKFLOWS = "split-bench";

  /** One measured configuration: workers, and the split span (0: one pass). */
  private record Config(String name, int workers, double span) {}

  private SplitBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path model = Path.of(a.get("model"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "1200"));
    int cores = Integer.parseInt(a.getOrDefault("cores", "2"));
    double span = Double.parseDouble(a.getOrDefault("span", "600"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "1"));
    Path work = Files.createDirectories(Path.of(a.get("work")));
    Path out = Path.of(a.get("out"));

    Path unit = MemoryBench.unitClip(work);
    Path audio = work.resolve("long.wav");
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
        audio.toString());
    double audioSeconds;
    try (WavReader.Samples samples = WavReader.open(audio)) {
      audioSeconds = samples.sampleCount() / (double) WavReader.SAMPLE_RATE;
    }

    List<Config> configs =
        List.of(
            new Config("1 worker, one pass", 1, 0),
            new Config("1 worker, in parts", 1, span),
            new Config("2 workers, in parts", 2, span));
    // Rounds interleave the configurations, so that a slow minute of the machine weighs on all.
    List<List<double[]>> runs = new ArrayList<>();
    configs.forEach(c -> runs.add(new ArrayList<>()));
    int run = 0;
    for (int round = 1; round <= rounds; round++) {
      for (int i = 0; i < configs.size(); i++) {
        Config c = configs.get(i);
        double[] measured =
            wall(model, audio, audioSeconds, work.resolve("run-" + run++), c, threads(cores, c));
        runs.get(i).add(measured);
        System.err.printf(Locale.ROOT, "round %d, %s: %.1f s%n", round, c.name(), measured[0]);
      }
    }
    double onePass = median(runs.get(0), 0);
    StringBuilder table = new StringBuilder();
    for (int i = 0; i < configs.size(); i++) {
      Config c = configs.get(i);
      double wall = median(runs.get(i), 0);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %s | %.1f (%s) | %.2f | %.1f |%n",
              c.name(),
              c.workers(),
              threads(cores, c),
              c.span() > 0 ? Math.round(c.span()) + " s" : "off",
              wall,
              String.join(
                  ", ",
                  runs.get(i).stream().map(m -> String.format(Locale.ROOT, "%.1f", m[0])).toList()),
              wall / onePass,
              median(runs.get(i), 1)));
    }
    Files.writeString(out, table.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** Whisper threads per worker: the cores shared out, at least one. */
  private static int threads(int cores, Config config) {
    return Math.max(1, cores / config.workers());
  }

  /** The median of column {@code column} of the runs. */
  private static double median(List<double[]> runs, int column) {
    double[] values = runs.stream().mapToDouble(m -> m[column]).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /**
   * One transcription of {@code audio} under {@code config}: the wall time from start to (stitched)
   * output, and the engine's own seconds (summed over the parts).
   */
  private static double[] wall(
      Path model, Path audio, double audioSeconds, Path dir, Config config, int threads)
      throws Exception {
    int workers = config.workers();
    Files.createDirectories(dir.resolve("task"));
    Files.copy(audio, dir.resolve("task/audio.wav"));
    String name =
        model.getFileName().toString().replaceFirst("^ggml-", "").replaceFirst("\\.bin$", "");
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(WORKFLOWS).registerWorkflowImplementationTypes(SplitImpl.class);
    env.newWorker(TaskQueues.FLEET).registerWorkflowImplementationTypes(FleetWorkflowImpl.class);
    List<WorkerFactory> factories = new ArrayList<>();
    List<GpuWorker> gpus = new ArrayList<>();
    try {
      for (int w = 0; w < workers; w++) {
        Path models = Files.createDirectories(dir.resolve("models-" + w));
        Files.createSymbolicLink(models.resolve(model.getFileName()), model.toAbsolutePath());
        Files.createSymbolicLink(
            models.resolve(VadModelStore.FILE_NAME), SileroTestModel.path().toAbsolutePath());
        GpuWorkerSettings settings =
            GpuWorkerSettings.fromEnv(
                Map.of(
                    "STT_DATA_DIR",
                    dir.toString(),
                    "STT_MODELS_DIR",
                    models.toString(),
                    "STT_MODEL",
                    name,
                    "STT_MODEL_DOWNLOAD",
                    "false",
                    "STT_WHISPER_THREADS",
                    Integer.toString(threads),
                    "STT_WHISPER_POOL_SIZE",
                    "1",
                    "STT_WORKER_ID",
                    "bench-" + w));
        WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
        factories.add(factory);
        gpus.add(
            GpuWorker.register(
                factory,
                settings,
                (n, file) ->
                    WhisperCppRecognizer.load(
                        file, WhisperOptions.defaults().withThreads(threads))));
      }
      env.start();
      factories.forEach(WorkerFactory::start);
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("task_id", 1);
      input.put("audio", Map.of("key", "task/audio.wav", "durationSeconds", audioSeconds));
      input.put("model", name);
      input.put("language", "en");
      input.put("inline", false);
      input.put("options", Map.of("temperature", List.of(0.0)));
      // The timing includes each worker's model load (under a second for the tiny model).
      long started = System.nanoTime();
      Map<String, Object> output = stub(env).run(input, config.span());
      double wall = (System.nanoTime() - started) / 1e9;
      Object engine = ((Map<?, ?>) output.get("transcript")).get("engineSeconds");
      return new double[] {wall, ((Number) engine).doubleValue()};
    } finally {
      factories.forEach(WorkerFactory::shutdownNow);
      env.close();
      gpus.forEach(GpuWorker::close);
    }
  }

  private static Split stub(TestWorkflowEnvironment env) {
    return env.getWorkflowClient()
        .newWorkflowStub(Split.class, WorkflowOptions.newBuilder().setTaskQueue(WORKFLOWS).build());
  }
}
