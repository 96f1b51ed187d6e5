package org.sttplatform.activities;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.activities.llm.LlmSettings;
import org.sttplatform.activities.subtitles.SubtitlesComponentImpl;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.callback.CallbackWorkflow;
import org.sttplatform.workflows.callback.CallbackWorkflowImpl;
import org.sttplatform.workflows.fleet.FleetWorkflowImpl;
import org.sttplatform.workflows.pipeline.component.ComponentProvider;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.engine.LongFileSplit;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflow;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflowImpl;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * The CPU worker: polls {@link TaskQueues#CPU} for the transcription workflow and the media
 * activities. Run {@link #main} as a process, or call {@link #register} on a factory of your own
 * (tests, or an application embedding the worker).
 */
public final class CpuWorker {

  private static final String LOGBACK_CONFIG = "org/sttplatform/activities/cpu-worker-logback.xml";

  /** How long running activities get to finish when the worker is stopped. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private CpuWorker() {}

  /**
   * Stops {@code factory} gracefully: hands the running activities back ({@link
   * MediaActivitiesImpl#handBack}: each ends its attempt within a fraction of a second, and
   * Temporal runs it again on another worker a few seconds later, once this one has stopped
   * polling), shuts the factory down, waits up to {@code grace} for the remaining tasks (workflow
   * tasks, clean-ups) to end, interrupts them after that, and finally kills any child process still
   * alive. Jaffree does not kill ffmpeg/ffprobe when the JVM exits, so without the last step they
   * would keep running (and writing) after the worker is gone.
   */
  static void stop(
      WorkerFactory factory, MediaActivitiesImpl activities, Duration grace, Logger log) {
    try {
      activities.handBack();
      factory.shutdown();
      factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      if (!factory.isTerminated()) {
        log.warn("Activities still running after {} s: interrupting them", grace.toSeconds());
        factory.shutdownNow();
        factory.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (RuntimeException e) {
      log.warn("Worker shutdown: {}", e.toString());
    }
    int killed = destroyDescendants(Duration.ofSeconds(5));
    if (killed > 0) {
      log.warn("Killed {} child process(es) still running (ffmpeg/ffprobe)", killed);
    }
  }

  /**
   * Terminates every descendant process of this JVM: {@code SIGTERM}, then {@code SIGKILL} for
   * those still alive after {@code wait}.
   *
   * @return how many processes were alive
   */
  static int destroyDescendants(Duration wait) {
    List<ProcessHandle> alive = ProcessHandle.current().descendants().toList();
    alive.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + wait.toNanos();
    for (ProcessHandle p : alive) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          p.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException
          | java.util.concurrent.TimeoutException ignored) {
        // killed below
      }
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    return alive.size();
  }

  /**
   * Registers the pipeline engine (which also runs {@code tasks/create} tasks) with the components
   * found on the classpath ({@link ComponentRegistry#discover()}), and the built-in CPU components
   * ({@link MediaComponentsImpl} over {@link MediaActivitiesImpl}, {@link SubtitlesComponentImpl},
   * {@link SummarizeComponentImpl} with the {@link LlmSettings#fromEnv() STT_LLM_*} settings),
   * built from {@code settings}, on a new worker for {@link TaskQueues#CPU}.
   *
   * @return the activities, to {@link MediaActivitiesImpl#handBack hand back} their work when the
   *     factory is shut down
   */
  public static MediaActivitiesImpl register(WorkerFactory factory, CpuWorkerSettings settings) {
    return register(factory, settings, LlmSettings.fromEnv());
  }

  /**
   * As {@link #register(WorkerFactory, CpuWorkerSettings)}, with the {@code summarize} component
   * talking to the LLM server of {@code llm}.
   */
  public static MediaActivitiesImpl register(
      WorkerFactory factory, CpuWorkerSettings settings, LlmSettings llm) {
    Worker worker =
        factory.newWorker(
            TaskQueues.CPU,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(settings.maxConcurrentActivities())
                .setMaxHeartbeatThrottleInterval(ActivityDefaults.HEARTBEAT_THROTTLE)
                .build());
    registerPipelines(
        worker,
        ComponentRegistry.discover(),
        settings.callbackRetryWindow(),
        settings.splitSeconds());
    MediaActivitiesImpl activities = new MediaActivitiesImpl(settings);
    // The components are the activities; MediaActivitiesImpl is the code behind them.
    worker.registerActivitiesImplementations(
        new MediaComponentsImpl(activities),
        new SubtitlesComponentImpl(activities.layout()),
        new SummarizeComponentImpl(llm, activities),
        new CrawlComponentsImpl(activities));
    return activities;
  }

  /**
   * Registers the pipeline engine ({@link PipelineWorkflowImpl}, running the components of {@code
   * registry}) and the transcription fleet's table ({@link FleetWorkflowImpl}) on {@code worker},
   * and the activities that {@code registry}'s providers implement for the CPU queue.
   */
  public static void registerPipelines(Worker worker, ComponentRegistry registry) {
    registerPipelines(
        worker,
        registry,
        ActivityDefaults.CALLBACK_RETRY_WINDOW,
        LongFileSplit.DEFAULT_SPAN_SECONDS);
  }

  /**
   * As {@link #registerPipelines(Worker, ComponentRegistry)}, with the callback deliveries ({@link
   * CallbackWorkflowImpl}, the child a task's run starts when it ends) retried for {@code
   * callbackRetryWindow}, and audio longer than {@code splitSeconds} transcribed in parts ({@link
   * LongFileSplit}; 0: never).
   */
  public static void registerPipelines(
      Worker worker,
      ComponentRegistry registry,
      Duration callbackRetryWindow,
      double splitSeconds) {
    worker.registerWorkflowImplementationFactory(
        PipelineWorkflow.class, () -> new PipelineWorkflowImpl(registry, splitSeconds));
    worker.registerWorkflowImplementationFactory(
        CallbackWorkflow.class, () -> new CallbackWorkflowImpl(callbackRetryWindow));
    // The fleet table of the transcription workers runs beside the pipelines (TaskQueues.FLEET).
    worker.registerWorkflowImplementationTypes(FleetWorkflowImpl.class);
    for (ComponentProvider provider : registry.providers()) {
      for (Object activity : provider.activities(TaskQueues.CPU)) {
        worker.registerActivitiesImplementations(activity);
      }
    }
  }

  /**
   * Connects to {@code TEMPORAL_ADDRESS} / {@code TEMPORAL_NAMESPACE} and serves until killed. See
   * {@link CpuWorkerSettings} for the environment variables. Exits with status 2 if ffmpeg or
   * ffprobe cannot be found or the data directory cannot be written.
   */
  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    Logger log = LoggerFactory.getLogger(CpuWorker.class);

    CpuWorkerSettings settings;
    LlmSettings llm;
    try {
      settings = CpuWorkerSettings.fromEnv();
      llm = LlmSettings.fromEnv();
    } catch (IllegalArgumentException e) {
      log.error("Bad configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    Optional<String> missing = settings.ffmpegTools().missing();
    if (missing.isPresent()) {
      log.error(
          "{}: the CPU worker cannot probe or convert media. Install ffmpeg (Debian: apt-get"
              + " install ffmpeg) or set STT_FFMPEG_BIN to the directory holding ffmpeg and"
              + " ffprobe.",
          missing.get());
      System.exit(2);
      return;
    }
    DataLayout layout = settings.layout();
    try {
      Files.createDirectories(layout.workRoot());
      Files.createDirectories(layout.uploadsDir());
    } catch (IOException e) {
      log.error("Cannot create the data directory {}: {}", layout.dataDir(), e.toString());
      System.exit(2);
      return;
    }

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(settings.temporalAddress()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    MediaActivitiesImpl activities = register(factory, settings, llm);
    factory.start();
    log.info("Summaries (summarize): {}", llm);
    log.info(
        "CPU worker serving task queue '{}' on {} (namespace '{}'): the pipeline engine and the"
            + " CPU components; data dir {}, max download {}"
            + " bytes, {} concurrent activities, ffmpeg {}",
        TaskQueues.CPU,
        settings.temporalAddress(),
        settings.namespace(),
        layout.dataDir(),
        settings.maxDownloadBytes(),
        settings.maxConcurrentActivities(),
        settings.ffmpegTools().find("ffmpeg").map(Object::toString).orElse("?"));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping the CPU worker");
                  stop(factory, activities, SHUTDOWN_GRACE, log);
                  service.shutdown();
                  stopped.countDown();
                },
                "cpu-worker-shutdown"));
    stopped.await();
  }
}
