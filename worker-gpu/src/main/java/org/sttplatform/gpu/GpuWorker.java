package org.sttplatform.gpu;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.activity.TranscribeComponentImpl;
import org.sttplatform.gpu.activity.TranscriptionActivitiesImpl;
import org.sttplatform.gpu.model.ModelStatus;
import org.sttplatform.gpu.model.ModelStore;
import org.sttplatform.gpu.model.RecognizerFactory;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.model.ServedModels;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;
import org.sttplatform.storage.LocalFileStore;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.pipeline.component.ComponentProvider;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * The transcription worker: serves {@code transcribe} on {@link TaskQueues#GPU}.
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

  private GpuWorker(
      GpuWorkerSettings settings,
      ModelStore store,
      RecognizerPool pool,
      TranscriptionActivitiesImpl activities,
      Worker worker) {
    this.settings = settings;
    this.store = store;
    this.pool = pool;
    this.activities = activities;
    this.worker = worker;
  }

  /**
   * Registers the transcription activity on {@link TaskQueues#GPU} in {@code factory}, running at
   * most {@code settings.poolSize()} transcriptions at once. Start the factory afterwards. Close
   * the returned handle after shutting the factory down: it frees the loaded models.
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
    Worker worker =
        factory.newWorker(
            TaskQueues.GPU,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(settings.poolSize())
                .setMaxHeartbeatThrottleInterval(ActivityDefaults.HEARTBEAT_THROTTLE)
                .build());
    // The component is the activity; TranscriptionActivitiesImpl is the code behind it.
    worker.registerActivitiesImplementations(new TranscribeComponentImpl(activities));
    for (ComponentProvider provider : ComponentRegistry.discover().providers()) {
      for (Object activity : provider.activities(TaskQueues.GPU)) {
        worker.registerActivitiesImplementations(activity);
      }
    }
    return new GpuWorker(settings, store, pool, activities, worker);
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

  public Worker worker() {
    return worker;
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
    activities.handBack();
  }

  /** Frees the loaded models and stops the heartbeat scheduler. */
  @Override
  public void close() {
    activities.close();
    pool.close();
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
    String address = env("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    String namespace = env("TEMPORAL_NAMESPACE", "default");
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
            "Transcription worker serving task queue '{}' on {} namespace '{}' (pool {}, {} thread(s),"
                + " GPU {}, models in {})",
            TaskQueues.GPU,
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

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
