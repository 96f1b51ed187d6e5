package org.sttplatform.gpu;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.CompositeTuner;
import io.temporal.worker.tuning.FixedSizeSlotSupplier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.activity.TranscribeComponentImpl;
import org.sttplatform.gpu.activity.TranscribeSplitImpl;
import org.sttplatform.gpu.activity.TranscriptionActivitiesImpl;
import org.sttplatform.gpu.fleet.CountedSplit;
import org.sttplatform.gpu.fleet.CountedTranscribe;
import org.sttplatform.gpu.fleet.FleetLeasesImpl;
import org.sttplatform.gpu.fleet.FleetReporter;
import org.sttplatform.gpu.fleet.FleetSlots;
import org.sttplatform.gpu.model.ModelStatus;
import org.sttplatform.gpu.model.ModelStore;
import org.sttplatform.gpu.model.RecognizerFactory;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.model.ServedModels;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;
import org.sttplatform.storage.LocalFileStore;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.WorkerReport;
import org.sttplatform.workflows.pipeline.component.ComponentProvider;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.settings.EnvSettings;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * The transcription worker: answers leases and serves {@code transcribe} on {@link TaskQueues#GPU}
 * and on its own queue {@link TaskQueues#gpuHost}, and reports to the fleet table (README,
 * "Transcription fleet").
 *
 * <p>{@link #register} wires it into any {@link WorkerFactory} (tests, or a process that runs other
 * workers too); {@link #main} runs it standalone against {@code TEMPORAL_ADDRESS}.
 */
public final class GpuWorker implements AutoCloseable {

  /** Logging of the standalone worker; not named logback.xml so it never overrides an app's. */
  private static final String LOGBACK_CONFIG = "org/sttplatform/gpu/gpu-worker-logback.xml";

  private final GpuWorkerSettings settings;
  private final ModelStore store;
  private final RecognizerPool pool;
  private final TranscriptionActivitiesImpl activities;
  private final Worker worker;
  private final Worker hostWorker;
  private final FleetSlots slots;
  private final FleetReporter reporter;

  private GpuWorker(
      GpuWorkerSettings settings,
      ModelStore store,
      RecognizerPool pool,
      TranscriptionActivitiesImpl activities,
      Worker worker,
      Worker hostWorker,
      FleetSlots slots,
      FleetReporter reporter) {
    this.settings = settings;
    this.store = store;
    this.pool = pool;
    this.activities = activities;
    this.worker = worker;
    this.hostWorker = hostWorker;
    this.slots = slots;
    this.reporter = reporter;
  }

  /**
   * Registers the worker in {@code factory}: leases and transcriptions on the shared queue {@link
   * TaskQueues#GPU}, and the leased transcriptions on its own queue {@link TaskQueues#gpuHost},
   * running at most {@code settings.poolSize()} transcriptions at once on both together. Starts
   * reporting to the fleet table. Start the factory afterwards. Close the returned handle after
   * shutting the factory down: it frees the loaded models and stops the reports.
   *
   * @param recognizers loads model files (the whisper.cpp binding in production)
   */
  public static GpuWorker register(
      WorkerFactory factory, GpuWorkerSettings settings, RecognizerFactory recognizers) {
    ModelStore store = new ModelStore(settings.modelStoreConfig());
    RecognizerPool pool =
        new RecognizerPool(store, recognizers, settings.poolSize(), settings.maxLoadedModels());
    TranscriptionActivitiesImpl activities =
        new TranscriptionActivitiesImpl(
            new LocalFileStore(settings.dataDir()), pool, settings.threads());
    FleetSlots slots = new FleetSlots(settings.poolSize());
    String queue = TaskQueues.gpuHost(settings.workerId());
    FleetReporter reporter =
        new FleetReporter(
            factory.getWorkflowClient(),
            () ->
                new WorkerReport(
                    settings.workerId(),
                    queue,
                    settings.device(),
                    pool.loadedModels(),
                    ServedModels.onDisk(settings.modelStoreConfig()),
                    slots.capacity(),
                    slots.busy(),
                    System.currentTimeMillis()),
            settings.fleetHeartbeat());
    // The component is the activity; TranscriptionActivitiesImpl is the code behind it.
    CountedTranscribe transcribe =
        new CountedTranscribe(new TranscribeComponentImpl(activities), slots);
    // A long file's plan and parts are leased like transcriptions; its stitch runs on the shared
    // queue.
    CountedSplit split = new CountedSplit(new TranscribeSplitImpl(activities), slots);

    // The shared queue is polled only while a slot is free: a busy worker takes no leases.
    Worker shared =
        factory.newWorker(
            TaskQueues.GPU,
            WorkerOptions.newBuilder()
                .setWorkerTuner(
                    new CompositeTuner(
                        new FixedSizeSlotSupplier<>(1),
                        slots.sharedQueueSlots(),
                        new FixedSizeSlotSupplier<>(1),
                        new FixedSizeSlotSupplier<>(1)))
                .setMaxConcurrentActivityTaskPollers(1)
                .setMaxHeartbeatThrottleInterval(ActivityDefaults.HEARTBEAT_THROTTLE)
                .build());
    shared.registerActivitiesImplementations(
        new FleetLeasesImpl(
            settings.workerId(),
            slots,
            pool,
            reporter::fleet,
            freshReports(settings.fleetHeartbeat())),
        transcribe,
        split);
    for (ComponentProvider provider : ComponentRegistry.discover().providers()) {
      for (Object activity : provider.activities(TaskQueues.GPU)) {
        shared.registerActivitiesImplementations(activity);
      }
    }
    Worker host =
        factory.newWorker(
            queue,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(settings.poolSize())
                .setMaxHeartbeatThrottleInterval(ActivityDefaults.HEARTBEAT_THROTTLE)
                .build());
    host.registerActivitiesImplementations(transcribe, split);
    reporter.start();
    return new GpuWorker(settings, store, pool, activities, shared, host, slots, reporter);
  }

  public GpuWorkerSettings settings() {
    return settings;
  }

  /** The model store, e.g. for a health check: {@code modelStore().status(null)}. */
  public ModelStore modelStore() {
    return store;
  }

  public RecognizerPool pool() {
    return pool;
  }

  /**
   * How recent another worker's report must be for a lease to send it a transcription: three
   * heartbeats, at least 5 s (a loaded machine's late report is no reason to load a model twice; a
   * worker that is gone costs one schedule-to-start timeout).
   */
  static Duration freshReports(Duration heartbeat) {
    Duration three = heartbeat.multipliedBy(3);
    return three.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : three;
  }

  /** The Temporal worker polling the shared queue {@link TaskQueues#GPU}. */
  public Worker worker() {
    return worker;
  }

  /** The Temporal worker polling this worker's own queue {@link TaskQueues#gpuHost}. */
  public Worker hostWorker() {
    return hostWorker;
  }

  /** The worker's id in the fleet. */
  public String workerId() {
    return settings.workerId();
  }

  /** The worker's slots, running or held by leases. */
  public FleetSlots slots() {
    return slots;
  }

  /** The fleet table as this worker last read it. */
  public List<WorkerReport> fleet() {
    return reporter.fleet();
  }

  /** Whether the default model is on disk (or can be downloaded), without network access. */
  public ModelStatus defaultModelStatus() {
    return store.status(null);
  }

  /**
   * Hands the running transcriptions back to Temporal, to run again at once on another worker. Call
   * it after shutting the factory down (no new work is polled), before waiting for it to terminate.
   */
  public void handBack() {
    slots.stopTakingWork(); // no lease may name a worker that is going away
    activities.handBack();
  }

  /** Frees the loaded models and stops the heartbeat scheduler. */
  @Override
  public void close() {
    reporter.close();
    activities.close();
    pool.close();
    slots.close();
  }

  /** Runs the worker standalone until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    GpuWorkerSettings settings;
    try {
      settings = GpuWorkerSettings.fromEnv();
    } catch (IllegalArgumentException e) {
      log().error("Bad configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    run(settings, GpuWorker::speechEngine);
  }

  // Looked up when used, so main can choose the logging configuration first.
  private static Logger log() {
    return LoggerFactory.getLogger(GpuWorker.class);
  }

  /**
   * The speech engine this process runs: the one place where the whisper.cpp binding is plugged in.
   */
  public static RecognizerFactory speechEngine(GpuWorkerSettings settings) {
    return (model, file) ->
        WhisperCppRecognizer.load(
            file,
            new WhisperOptions(
                settings.useGpu(),
                settings.gpuDevice(),
                false,
                settings.poolSize(),
                settings.threads(),
                settings.nativeLibraryDir(),
                model));
  }

  /**
   * Connects to {@code TEMPORAL_ADDRESS} (default {@code 127.0.0.1:7233}), namespace {@code
   * TEMPORAL_NAMESPACE} (default {@code default}), serves {@link TaskQueues#GPU} and blocks until
   * the JVM shuts down.
   */
  public static void run(
      GpuWorkerSettings settings, Function<GpuWorkerSettings, RecognizerFactory> engine)
      throws InterruptedException {
    EnvSettings env = new EnvSettings(System.getenv());
    String address = env.string("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    String namespace = env.string("TEMPORAL_NAMESPACE", "default");
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    GpuWorker handle = register(factory, settings, engine.apply(settings));

    ModelStatus status = handle.defaultModelStatus();
    if (status.state() != ModelStatus.State.PRESENT) {
      log().warn("{}", status.message());
    }
    // Tasks that name no model run with this worker's default: say which models it serves.
    log().info("Serving {}", ServedModels.describe(handle.modelStore()));
    factory.start();
    log()
        .info(
            "Transcription worker serving task queues '{}' and '{}' (worker id '{}', device {}) on"
                + " {} namespace '{}' (pool {}, {} thread(s), GPU {}, models in {})",
            TaskQueues.GPU,
            TaskQueues.gpuHost(settings.workerId()),
            settings.workerId(),
            settings.device(),
            address,
            namespace,
            settings.poolSize(),
            settings.threads(),
            settings.useGpu() ? "requested, device " + settings.gpuDevice() : "off",
            settings.modelsDir());

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log().info("Stopping the transcription worker");
                  // Running transcriptions abort and go back to Temporal for another worker.
                  handle.handBack();
                  factory.shutdown();
                  factory.awaitTermination(30, TimeUnit.SECONDS);
                  handle.close();
                  service.shutdown();
                  stopped.countDown();
                },
                "gpu-worker-shutdown"));
    stopped.await();
  }
}
