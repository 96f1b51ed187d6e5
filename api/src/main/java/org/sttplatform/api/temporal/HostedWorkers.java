package org.sttplatform.api.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.sttplatform.activities.CpuWorker;
import org.sttplatform.activities.CpuWorkerSettings;
import org.sttplatform.activities.MediaActivitiesImpl;
import org.sttplatform.activities.llm.LlmSettings;
import org.sttplatform.api.callback.CallbackActivitiesImpl;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.RunStoreActivitiesImpl;
import org.sttplatform.api.store.TaskStoreActivitiesImpl;
import org.sttplatform.gpu.GpuWorker;
import org.sttplatform.gpu.GpuWorkerSettings;
import org.sttplatform.workflows.TaskQueues;

/**
 * The workers this process hosts ({@code stt.workers.*}): the task- and run-store activities with
 * the callback deliveries, the CPU worker and the transcription worker, polling from one factory.
 * They start once the application context is ready and stop before it closes, so no task runs
 * against a closed database.
 */
public final class HostedWorkers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(HostedWorkers.class);

  private final WorkerFactory factory;
  private final GpuWorker gpu;
  private final MediaActivitiesImpl cpu;
  private volatile boolean running;

  public HostedWorkers(
      WorkflowClient client,
      SttProperties properties,
      TaskStoreActivitiesImpl storeActivities,
      RunStoreActivitiesImpl runStoreActivities,
      CallbackActivitiesImpl callbackActivities) {
    this.factory = WorkerFactory.newInstance(client);
    Map<String, String> env = workerEnvironment(properties);
    SttProperties.Workers hosted = properties.workers();
    if (hosted.store()) {
      factory
          .newWorker(TaskQueues.STORE)
          .registerActivitiesImplementations(
              storeActivities, runStoreActivities, callbackActivities);
    }
    this.cpu =
        hosted.cpu()
            ? CpuWorker.register(factory, CpuWorkerSettings.fromEnv(env), LlmSettings.fromEnv(env))
            : null;
    if (hosted.gpu()) {
      GpuWorkerSettings settings = GpuWorkerSettings.fromEnv(env);
      this.gpu = GpuWorker.register(factory, settings, GpuWorker.speechEngine(settings));
    } else {
      this.gpu = null;
    }
    log.info("Hosting workers: store={} cpu={} gpu={}", hosted.store(), hosted.cpu(), hosted.gpu());
  }

  /**
   * The hosted workers read the same variables as the standalone ones; {@code stt.data-dir} and
   * {@code stt.worker-env} override the process environment.
   */
  public static Map<String, String> workerEnvironment(SttProperties properties) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("STT_DATA_DIR", dataDir(properties).toString());
    env.putAll(properties.workerEnv());
    return env;
  }

  private static Path dataDir(SttProperties properties) {
    return properties.dataDir().toAbsolutePath().normalize();
  }

  /** The transcription worker, if this process hosts one. */
  public Optional<GpuWorker> gpu() {
    return Optional.ofNullable(gpu);
  }

  @Override
  public void start() {
    factory.start();
    running = true;
  }

  @Override
  public void stop() {
    // Long activities go back to Temporal, for the other workers of a cluster (or this process
    // after its restart) to run; task-store writes are short and finish.
    if (cpu != null) {
      cpu.handBack();
    }
    if (gpu != null) {
      gpu.handBack();
    }
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    if (gpu != null) {
      gpu.close();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
