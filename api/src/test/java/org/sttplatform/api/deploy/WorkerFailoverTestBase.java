package org.sttplatform.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.activities.CpuWorker;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.temporal.TemporalConnection;
import org.sttplatform.api.testing.Media;
import org.sttplatform.gpu.GpuWorker;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.workflows.WorkflowIds;

/**
 * The harness of {@link WorkerFailoverTest}: the API with the embedded Temporal server and no
 * worker, the worker JVMs that a test starts, stops and replaces, the pending activities that
 * Temporal describes, and a media host whose first download of each clip outlasts the test.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its Temporal port stays reserved otherwise
abstract class WorkerFailoverTestBase {
  private static final String MODEL = "test-micro";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  static final Duration TASK_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern TRANSCRIBING = Pattern.compile("Task (\\d+): transcribing");

  @TempDir static Path dir;
  static int temporalPort;
  static Path speech;
  static Path longSpeech;
  static MockWebServer media;
  static final List<ChildJvm> cpuWorkers = new ArrayList<>();
  static final List<ChildJvm> gpuWorkers = new ArrayList<>();
  static final List<ChildJvm> all = new ArrayList<>();
  static int started;

  /** Requests the media server received, by path. */
  static final Map<String, Integer> REQUESTS = new java.util.concurrent.ConcurrentHashMap<>();

  @Value("${local.server.port}")
  int port;

  @Autowired TemporalConnection temporal;

  @DynamicPropertySource
  static void service(DynamicPropertyRegistry registry) throws Exception {
    temporalPort = ChildJvm.freePort();
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, models().resolve("ggml-" + MODEL + ".bin"), 7);
    speech = Media.speech(dir.resolve("speech.wav"), Media.SPEECH);
    // Long enough that a transcription is still running when its worker is stopped.
    longSpeech = dir.resolve("long-speech.wav");
    Media.ffmpeg(
        "-stream_loop", "15", "-i", speech.toString(), "-c", "copy", longSpeech.toString());
    media = slowFirstDownloads(Files.readAllBytes(speech));
    registry.add("stt.data-dir", () -> dataDir().toString());
    registry.add("stt.temporal.embedded-port", () -> String.valueOf(temporalPort));
    registry.add("stt.workers.cpu", () -> "false");
    registry.add("stt.workers.gpu", () -> "false");
    registry.add("stt.worker-env[STT_FETCH_ALLOW_PRIVATE_NETWORKS]", () -> "true");
  }

  @AfterAll
  static void stopWorkers() throws Exception {
    // Before the context (and with it the Temporal server) closes: the SpringExtension runs later.
    for (ChildJvm worker : all) {
      worker.close();
    }
    if (media != null) {
      media.close();
    }
  }

  /**
   * Waits for the task's {@code activity} to run (and for {@code awaitRunning} of its worker)
   * null), stops the worker running it and returns the time from the signal until another worker
   * has started the next attempt.
   */
  Duration failOver(
      long taskId,
      String activity,
      Consumer<ChildJvm> awaitRunning,
      List<ChildJvm> workers,
      boolean crash,
      Consumer<ChildJvm> replace)
      throws Exception {
    PendingActivityInfo first =
        awaitActivity(
            taskId,
            activity,
            a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
    ChildJvm victim =
        workers.stream()
            .filter(w -> w.hasIdentity(first.getLastWorkerIdentity()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no worker is " + first.getLastWorkerIdentity()));
    awaitRunning.accept(victim);
    Instant signalled = Instant.now();
    if (crash) {
      victim.kill();
    } else {
      victim.terminate();
    }
    PendingActivityInfo next =
        awaitActivity(
            taskId,
            activity,
            // The test server keeps a retried activity "started" until the next attempt starts:
            // the start time tells the attempts apart. A transcription's next attempt is a new
            // activity on the next leased worker's queue (TranscriptionRouting).
            a ->
                (a.getAttempt() > first.getAttempt()
                        || !a.getActivityId().equals(first.getActivityId()))
                    && a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                    && Timestamps.compare(a.getLastStartedTime(), first.getLastStartedTime()) > 0);
    assertThat(next.getLastWorkerIdentity())
        .as(
            "the worker that ran attempt %d of %s, task %d\n%s",
            next.getAttempt(), activity, taskId, workerOutput())
        .isNotEqualTo(first.getLastWorkerIdentity());
    Instant restarted =
        Instant.ofEpochSecond(
            next.getLastStartedTime().getSeconds(), next.getLastStartedTime().getNanos());
    replace.accept(victim);
    return Duration.between(signalled, restarted);
  }

  PendingActivityInfo awaitActivity(
      long taskId, String activity, java.util.function.Predicate<PendingActivityInfo> condition) {
    PendingActivityInfo[] found = new PendingActivityInfo[1];
    try {
      await()
          .atMost(TASK_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                Optional<PendingActivityInfo> a = pending(taskId, activity);
                a.filter(condition).ifPresent(info -> found[0] = info);
                return found[0] != null;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          activity + " of task " + taskId + ": " + describe(taskId) + "\n" + workerOutput(), e);
    }
    return found[0];
  }

  private Optional<PendingActivityInfo> pending(long taskId, String activity) {
    return describe(taskId).getPendingActivitiesList().stream()
        .filter(a -> a.getActivityType().getName().equals(activity))
        .findFirst();
  }

  private DescribeWorkflowExecutionResponse describe(long taskId) {
    return temporal
        .stubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(WorkflowIds.transcription(taskId))
                        .build())
                .build());
  }

  void replaceCpuWorker(ChildJvm dead) {
    replace(dead, cpuWorkers, WorkerFailoverTestBase::startCpuWorker);
  }

  void replaceGpuWorker(ChildJvm dead) {
    replace(dead, gpuWorkers, WorkerFailoverTestBase::startGpuWorker);
  }

  private interface Starter {
    ChildJvm start() throws Exception;
  }

  private static void replace(ChildJvm dead, List<ChildJvm> workers, Starter starter) {
    workers.remove(dead);
    try {
      workers.add(starter.start());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ChildJvm startCpuWorker() throws Exception {
    ChildJvm worker =
        ChildJvm.start(
            "cpu-" + (++started),
            CpuWorker.class,
            workerEnv(),
            dir.resolve("cpu-" + started + ".log"));
    all.add(worker);
    return worker.awaitOutput("CPU worker serving", STARTUP);
  }

  static ChildJvm startGpuWorker() throws Exception {
    Map<String, String> env = workerEnv();
    env.put("STT_MODELS_DIR", models().toString());
    env.put("STT_MODEL", MODEL);
    env.put("STT_MODEL_DOWNLOAD", "false");
    env.put("STT_WHISPER_THREADS", "1");
    env.put("STT_WORKER_ID", "gpu-" + (started + 1)); // one host queue per process
    ChildJvm worker =
        ChildJvm.start(
            "gpu-" + (++started), GpuWorker.class, env, dir.resolve("gpu-" + started + ".log"));
    all.add(worker);
    return worker.awaitOutput("Transcription worker serving", STARTUP);
  }

  private static Map<String, String> workerEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
    env.put("STT_DATA_DIR", dataDir().toString());
    env.put("STT_FETCH_ALLOW_PRIVATE_NETWORKS", "true");
    return env;
  }

  /** Counts "Task N: transcribing" in every transcription worker's output, dead ones included. */
  static Map<Long, Integer> transcriptionsPerTask() throws Exception {
    Map<Long, Integer> counts = new HashMap<>();
    for (ChildJvm worker : all) {
      if (worker.name().startsWith("gpu-")) {
        Matcher m = TRANSCRIBING.matcher(worker.output());
        while (m.find()) {
          counts.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  /**
   * Serves the speech clip at {@code /clip-N.wav}: the first request of each path trickles (a
   * download that lasts longer than the test waits), later ones take about three seconds.
   */
  private static MockWebServer slowFirstDownloads(byte[] clip) throws Exception {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            int n = REQUESTS.merge(request.getUrl().encodedPath(), 1, Integer::sum);
            MockResponse.Builder response =
                new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "audio/wav")
                    .body(new Buffer().write(clip));
            // The first download outlasts the test; a retry lasts a few seconds, so that the
            // test sees it running before it completes.
            response.throttleBody(n == 1 ? 1024 : 128 * 1024, 1, TimeUnit.SECONDS);
            return response.build();
          }
        });
    server.start();
    return server;
  }

  static void awaitLog(ChildJvm worker, String text) {
    try {
      worker.awaitOutput(text, TASK_TIMEOUT);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void awaitRequest(String url) {
    String path = java.net.URI.create(url).getRawPath();
    await().atMost(TASK_TIMEOUT).until(() -> REQUESTS.containsKey(path));
  }

  static String mediaUrl(int n) {
    return media.url("/clip-" + n + ".wav").toString();
  }

  String workerOutput() {
    StringBuilder out = new StringBuilder();
    for (ChildJvm worker : all) {
      out.append(worker.describe()).append('\n');
    }
    return out.toString();
  }

  private static Path models() {
    return dir.resolve("models");
  }

  private static Path dataDir() {
    return dir.resolve("data").toAbsolutePath().normalize();
  }
}
