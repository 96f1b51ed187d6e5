package org.sttplatform.gpu.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.GpuWorker;
import org.sttplatform.gpu.GpuWorkerSettings;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.FleetLeases;
import org.sttplatform.workflows.fleet.FleetWorkflowImpl;
import org.sttplatform.workflows.fleet.Lease;
import org.sttplatform.workflows.fleet.LeaseRequest;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;
import org.sttplatform.workflows.pipeline.engine.TranscriptionRouting;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * Two transcription workers (each with its own factory, as two processes would have) on one test
 * server, the engine's routing in front of them: affinity, capacity and failover.
 */
class FleetRoutingTest {

  @WorkflowInterface
  public interface Route {
    @WorkflowMethod
    Map<String, Object> route(TranscribeStepInput input);
  }

  /** What the engine does for a {@code transcribe} step (StepInvoker → TranscriptionRouting). */
  public static class RouteImpl implements Route {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> route(TranscribeStepInput input) {
      Map<String, Object> in = new ObjectMapper().convertValue(input, Map.class);
      return (Map<String, Object>)
          TranscriptionRouting.execute(
              ActivityDefaults.transcribe(), BuiltInComponents.TRANSCRIBE_ACTIVITY, in);
    }
  }

  private static final String WORKFLOWS = "fleet-test-workflows";

  @TempDir Path dir;

  private TestWorkflowEnvironment env;
  private final List<WorkerFactory> factories = new ArrayList<>();
  private final List<GpuWorker> gpus = new ArrayList<>();
  private final Map<String, AtomicInteger> recognitions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> overCapacity = new ConcurrentHashMap<>();
  private final AtomicInteger audioFiles = new AtomicInteger();
  private volatile long recognitionMillis;

  @BeforeEach
  void setUp() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(WORKFLOWS).registerWorkflowImplementationTypes(RouteImpl.class);
    env.newWorker(TaskQueues.FLEET).registerWorkflowImplementationTypes(FleetWorkflowImpl.class);
  }

  @AfterEach
  void tearDown() {
    for (WorkerFactory f : factories) {
      f.shutdownNow();
    }
    env.close();
    gpus.forEach(GpuWorker::close);
  }

  /** A worker with its own factory on the test server. */
  private GpuWorker worker(String id, int slots) throws Exception {
    Path models = Files.createDirectories(dir.resolve("models-" + id));
    Files.write(models.resolve("ggml-tiny.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-base.bin"), new byte[] {1});
    GpuWorkerSettings settings =
        GpuWorkerSettings.fromEnv(
            Map.of(
                "STT_DATA_DIR",
                dir.toString(),
                "STT_MODELS_DIR",
                models.toString(),
                "STT_MODEL",
                "base",
                "STT_MODEL_DOWNLOAD",
                "false",
                "STT_WHISPER_THREADS",
                "1",
                "STT_WHISPER_POOL_SIZE",
                Integer.toString(slots),
                "STT_WORKER_ID",
                id,
                "STT_FLEET_HEARTBEAT",
                "200ms"));
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    factories.add(factory);
    GpuWorker[] self = new GpuWorker[1];
    GpuWorker gpu =
        GpuWorker.register(
            factory, settings, (name, file) -> new Counting(id, name, () -> self[0]));
    self[0] = gpu;
    gpus.add(gpu);
    recognitions.put(id, new AtomicInteger());
    overCapacity.put(id, new AtomicInteger());
    return gpu;
  }

  private void start() {
    env.start();
    factories.forEach(WorkerFactory::start);
  }

  private TranscribeStepInput input(String model) throws Exception {
    Path task = Files.createDirectories(dir.resolve("task-" + audioFiles.incrementAndGet()));
    ByteBuffer b = ByteBuffer.allocate(44 + 1600 * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 1600 * 2).put("WAVEfmt ".getBytes()).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000);
    b.putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(1600 * 2);
    Path audio = Files.write(task.resolve("audio.wav"), b.array());
    return new TranscribeStepInput(
        "w",
        1L,
        new AudioRef(dir.relativize(audio).toString(), 0.1),
        null,
        model,
        null,
        null,
        null,
        null,
        null);
  }

  private Route stub() {
    return env.getWorkflowClient()
        .newWorkflowStub(Route.class, WorkflowOptions.newBuilder().setTaskQueue(WORKFLOWS).build());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aTaskForAModelLoadedOnAFreeWorkerGoesToThatWorker() throws Exception {
    GpuWorker a = worker("a", 1);
    GpuWorker b = worker("b", 1);
    a.slots().started(); // a is busy: the first tiny task must load tiny on b
    start();

    assertThat(stub().route(input("tiny"))).containsEntry("model", "tiny");
    assertThat(recognitions.get("b")).hasValue(1);
    a.slots().ended();

    for (int i = 0; i < 4; i++) {
      // Wait for a report b sent after the last task ended: a's view may still hold b's "free"
      // from before that task, and then move on to a "busy" b sent while it ran.
      long ended = System.currentTimeMillis();
      await(
          () ->
              a.fleet().stream()
                  .anyMatch(
                      r ->
                          r.workerId().equals("b")
                              && r.reportedAt() > ended
                              && r.loadedModels().contains("tiny")
                              && r.free() > 0),
          "a sees tiny loaded on a free b");
      stub().route(input("tiny"));
    }

    // Without affinity each would go to a or b alike: all four on b is 1 in 16 by chance.
    assertThat(recognitions.get("b")).hasValue(5);
    assertThat(recognitions.get("a")).hasValue(0);
  }

  @Test
  void noWorkerRunsMoreTranscriptionsThanItHasSlots() throws Exception {
    recognitionMillis = 300;
    GpuWorker a = worker("a", 2);
    GpuWorker b = worker("b", 1);
    start();

    List<WorkflowStub> runs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Route route = stub();
      WorkflowClient.start(route::route, input(i % 2 == 0 ? "tiny" : "base"));
      runs.add(WorkflowStub.fromTyped(route));
    }
    for (WorkflowStub run : runs) {
      assertThat(run.getResult(60, TimeUnit.SECONDS, Map.class)).containsKey("text");
    }

    assertThat(recognitions.get("a").get() + recognitions.get("b").get()).isEqualTo(8);
    // Accepted transcriptions (running, or waiting for an instance) never exceeded the slots.
    assertThat(overCapacity.get("a")).hasValue(0);
    assertThat(overCapacity.get("b")).hasValue(0);
    assertThat(a.slots().running() + b.slots().running()).isZero();
  }

  @Test
  void aLostWorkerIsLeasedAroundAndTheTaskCompletesOnAnother() throws Exception {
    GpuWorker b = worker("b", 1);
    b.slots().started(); // busy until the ghost has taken the first lease
    // The ghost answers one lease for its own queue, which nobody polls, and is gone: a worker that
    // died (or stalled) right after its lease.
    CountDownLatch leased = new CountDownLatch(1);
    AtomicBoolean answered = new AtomicBoolean();
    WorkerFactory ghost = WorkerFactory.newInstance(env.getWorkflowClient());
    factories.add(ghost);
    ghost
        .newWorker(TaskQueues.GPU)
        .registerActivitiesImplementations(
            new FleetLeases() {
              @Override
              public Lease lease(LeaseRequest request) {
                if (answered.compareAndSet(false, true)) {
                  leased.countDown();
                  return new Lease("ghost", TaskQueues.gpuHost("ghost"));
                }
                throw ApplicationFailure.newFailure("ghost is full", Failures.NO_FREE_SLOT);
              }
            });
    start();

    Route route = stub();
    WorkflowClient.start(route::route, input("tiny"));
    assertThat(leased.await(30, TimeUnit.SECONDS)).isTrue();
    ghost.shutdown(); // gone once its lease is answered
    b.slots().ended();

    Map<?, ?> output = WorkflowStub.fromTyped(route).getResult(60, TimeUnit.SECONDS, Map.class);
    Object model = output.get("model");

    assertThat(model).isEqualTo("tiny");
    assertThat(recognitions.get("b")).hasValue(1);
  }

  /** Counts its recognitions, and any moment its worker accepted more than it has slots. */
  private final class Counting implements SpeechRecognizer {
    private final String worker;
    private final String model;
    private final java.util.function.Supplier<GpuWorker> gpu;

    Counting(String worker, String model, java.util.function.Supplier<GpuWorker> gpu) {
      this.worker = worker;
      this.model = model;
      this.gpu = gpu;
    }

    @Override
    public Transcript recognize(
        float[] samples, RecognitionSettings s, IntConsumer progress, BooleanSupplier aborted) {
      recognitions.get(worker).incrementAndGet();
      FleetSlots slots = gpu.get().slots();
      long end = System.currentTimeMillis() + recognitionMillis;
      do {
        if (slots.running() > slots.capacity()) {
          overCapacity.get(worker).incrementAndGet();
        }
        sleep(20);
      } while (System.currentTimeMillis() < end);
      progress.accept(100);
      return new Transcript(worker, "en", 1.0, 0.1, null, model, 0, List.of());
    }

    private void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String modelName() {
      return model;
    }

    @Override
    public void close() {}
  }
}
