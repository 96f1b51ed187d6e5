package org.sttplatform.gpu.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.GpuWorker;
import org.sttplatform.gpu.GpuWorkerSettings;
import org.sttplatform.gpu.SharedTestDir;
import org.sttplatform.gpu.model.VadModelStore;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.gpu.vad.SileroTestModel;
import org.sttplatform.gpu.vad.VadAudio;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.FleetWorkflowImpl;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;
import org.sttplatform.workflows.pipeline.component.TranscribeSplit;
import org.sttplatform.workflows.pipeline.engine.LongFileSplit;
import org.sttplatform.workflows.pipeline.engine.TranscriptionRouting;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * A long file in parts on a fleet of two transcription workers (each with its own factory, as two
 * processes would have) on one test server: real whisper.cpp on a generated model (nonsense text,
 * real timestamps), the real Silero VAD, espeak-ng speech with pauses, and the engine's split in
 * front of them ({@link LongFileSplit}, as {@code StepInvoker} calls it).
 *
 * <p>The audio and the model are made once per JVM and shared by the subclasses; each test gets its
 * own test server and workers.
 */
abstract class AbstractLongFileSplitTest {

  @WorkflowInterface
  public interface Split {
    /** {@link LongFileSplit#execute}: {@code output} and the {@code progress} reported. */
    @WorkflowMethod
    Map<String, Object> run(Map<String, Object> input, double span);
  }

  public static class SplitImpl implements Split {
    @Override
    public Map<String, Object> run(Map<String, Object> input, double span) {
      List<Double> progress = new ArrayList<>();
      Object output =
          LongFileSplit.execute(
              ActivityDefaults.transcribe(),
              BuiltInComponents.TRANSCRIBE_ACTIVITY,
              new LinkedHashMap<>(input),
              span,
              progress::add);
      return Map.of("output", output, "progress", progress);
    }
  }

  @WorkflowInterface
  public interface Plan {
    /** The plan activity alone, routed as the split routes it. */
    @WorkflowMethod
    TranscribeSplit.SplitPlan plan(TranscribeSplit.PlanInput input);
  }

  public static class PlanImpl implements Plan {
    @Override
    @SuppressWarnings("unchecked")
    public TranscribeSplit.SplitPlan plan(TranscribeSplit.PlanInput input) {
      return new ObjectMapper()
          .convertValue(
              TranscriptionRouting.execute(
                  ActivityDefaults.transcribe(),
                  TranscribeSplit.PLAN_ACTIVITY,
                  new ObjectMapper().convertValue(input, Map.class)),
              TranscribeSplit.SplitPlan.class);
    }
  }

  static final String WORKFLOWS = "split-test-workflows";
  static final double SPAN = 20;
  static final ObjectMapper JSON = new ObjectMapper();

  static Path shared;
  static Path speech;
  static double speechSeconds;

  /** Where each sentence sounds, seconds on the file's timeline. */
  static final List<double[]> sounds = new ArrayList<>();

  /** Whether an earlier test class of this JVM made the audio and the model. */
  private static boolean ready;

  @TempDir Path dir;

  TestWorkflowEnvironment env;
  final List<WorkerFactory> factories = new ArrayList<>();
  final List<GpuWorker> gpus = new ArrayList<>();

  /** Recognitions by worker. */
  final Map<String, AtomicInteger> byWorker = new ConcurrentHashMap<>();

  /** Recognitions by the start of their (first) clip, seconds. */
  final Map<Double, AtomicInteger> byClip = new ConcurrentHashMap<>();

  /** When set, the first recognition of a clip that does not start at 0 fails (retryable). */
  final AtomicBoolean failOnePart = new AtomicBoolean();

  volatile Double failedClip;

  /**
   * The speech and the model, made by the first test class of the JVM and kept for the others (in a
   * {@link SharedTestDir}): espeak-ng, ffmpeg and the model generator run once.
   */
  @BeforeAll
  static synchronized void audioAndModel() throws Exception {
    if (ready) {
      return;
    }
    shared = SharedTestDir.create("long-file-split-test");
    sounds.clear();
    String[] sentences = {
      "The meeting starts at nine in the large room on the second floor.",
      "Please bring the quarterly report and the new budget figures.",
      "We will discuss the hiring plan for the next six months.",
      "After that, the design team shows the first drafts of the new site.",
      "Lunch is served at noon in the cafeteria downstairs.",
      "In the afternoon we visit the factory and meet the night shift.",
      "The bus leaves from the main entrance at two o'clock sharp.",
      "Remember to wear safety shoes and to bring your badge.",
      "We return to the office by five and write up the notes.",
      "The minutes go out to everyone on Friday morning.",
      "Questions about the agenda go to the assistant before Thursday.",
      "Thank you all, and see you next week at the same time.",
    };
    List<Object> parts = new ArrayList<>();
    parts.add(0.5);
    double at = 0.5;
    for (int i = 0; i < sentences.length; i++) {
      Path wav = VadAudio.speak(sentences[i], shared.resolve("s" + i + ".wav"));
      double seconds = seconds(wav);
      double[] bounds = VadAudio.soundBounds(wav, seconds);
      sounds.add(new double[] {at + bounds[0], at + bounds[1]});
      parts.add(wav);
      parts.add(1.5);
      at += seconds + 1.5;
    }
    speech = VadAudio.concat(shared.resolve("speech.wav"), parts);
    speechSeconds = seconds(speech);
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, shared.resolve("ggml-test-micro.bin"), 42);
    ready = true;
  }

  static double seconds(Path wav) throws IOException {
    try (WavReader.Samples samples = WavReader.open(wav)) {
      return samples.sampleCount() / (double) WavReader.SAMPLE_RATE;
    } catch (WavReader.UnsupportedAudioException e) {
      throw new IOException(e);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(WORKFLOWS).registerWorkflowImplementationTypes(SplitImpl.class, PlanImpl.class);
    env.newWorker(TaskQueues.FLEET).registerWorkflowImplementationTypes(FleetWorkflowImpl.class);
    worker("a");
    worker("b");
    env.start();
    factories.forEach(WorkerFactory::start);
  }

  @AfterEach
  void tearDown() {
    for (WorkerFactory f : factories) {
      f.shutdownNow();
    }
    env.close();
    gpus.forEach(GpuWorker::close);
  }

  /** A worker with one slot, its own factory and the real engine behind a counting wrapper. */
  void worker(String id) throws Exception {
    Path models = Files.createDirectories(dir.resolve("models-" + id));
    Files.copy(shared.resolve("ggml-test-micro.bin"), models.resolve("ggml-test-micro.bin"));
    Files.copy(SileroTestModel.path(), models.resolve(VadModelStore.FILE_NAME));
    GpuWorkerSettings settings =
        GpuWorkerSettings.fromEnv(
            Map.of(
                "STT_DATA_DIR", dir.toString(),
                "STT_MODELS_DIR", models.toString(),
                "STT_MODEL", "test-micro",
                "STT_MODEL_DOWNLOAD", "false",
                "STT_WHISPER_THREADS", "1",
                "STT_WHISPER_POOL_SIZE", "1",
                "STT_WORKER_ID", id,
                "STT_FLEET_HEARTBEAT", "200ms"));
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    factories.add(factory);
    byWorker.put(id, new AtomicInteger());
    gpus.add(
        GpuWorker.register(
            factory,
            settings,
            (name, file) ->
                new Counting(
                    id,
                    WhisperCppRecognizer.load(file, WhisperOptions.defaults().withThreads(1)))));
  }

  /** The speech copied into a task folder of the data directory, as a transcribe input. */
  Map<String, Object> input(String task, List<Double> clip) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(task));
    Path audio =
        Files.copy(speech, folder.resolve("audio.wav"), StandardCopyOption.REPLACE_EXISTING);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("temperature", List.of(0.0)); // no sampled fall-back: the same audio, the same text
    options.put("condition_on_previous_text", false);
    if (clip != null) {
      options.put("clip_timestamps", clip);
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("task_id", 7);
    input.put(
        "audio", Map.of("key", dir.relativize(audio).toString(), "durationSeconds", speechSeconds));
    input.put("model", "test-micro");
    input.put("language", "en");
    input.put("word_timestamps", true);
    input.put("options", options);
    return input;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> split(Map<String, Object> input, double span) {
    return env.getWorkflowClient()
        .newWorkflowStub(Split.class, WorkflowOptions.newBuilder().setTaskQueue(WORKFLOWS).build())
        .run(input, span);
  }

  Transcript transcript(String task, String file) throws IOException {
    return JSON.readValue(dir.resolve(task).resolve(file).toFile(), Transcript.class);
  }

  /** Segments without ids (the stitch renumbers them). */
  static List<Transcript.Segment> strip(List<Transcript.Segment> segments) {
    return segments.stream()
        .map(
            s ->
                new Transcript.Segment(
                    0,
                    s.start(),
                    s.end(),
                    s.text(),
                    s.tokens(),
                    s.avgLogprob(),
                    s.compressionRatio(),
                    s.noSpeechProb(),
                    s.words()))
        .toList();
  }

  /** Counts recognitions by worker and clip, and fails one part's first attempt when asked. */
  final class Counting implements SpeechRecognizer {
    private final String worker;
    private final SpeechRecognizer engine;

    Counting(String worker, SpeechRecognizer engine) {
      this.worker = worker;
      this.engine = engine;
    }

    @Override
    public Transcript recognize(
        AudioSource audio, RecognitionSettings s, IntConsumer progress, BooleanSupplier aborted) {
      double clip = s.clips() == null || s.clips().isEmpty() ? 0.0 : s.clips().get(0)[0];
      byWorker.get(worker).incrementAndGet();
      byClip.computeIfAbsent(clip, c -> new AtomicInteger()).incrementAndGet();
      if (clip > 0 && failOnePart.compareAndSet(true, false)) {
        failedClip = clip;
        throw new UncheckedIOException(new IOException("test: the first attempt of a part fails"));
      }
      return engine.recognize(audio, s, progress, aborted);
    }

    @Override
    public Transcript recognize(
        float[] samples, RecognitionSettings s, IntConsumer progress, BooleanSupplier aborted) {
      return recognize(AudioSource.of(samples), s, progress, aborted);
    }

    @Override
    public String modelName() {
      return engine.modelName();
    }

    @Override
    public void close() {
      engine.close();
    }
  }
}
