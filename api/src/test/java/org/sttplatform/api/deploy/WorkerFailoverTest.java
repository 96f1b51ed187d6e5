package org.sttplatform.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.PendingActivityState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.testing.ServiceClient;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;

/**
 * Workers stopped at any point strand no task: the API runs the embedded Temporal server and hosts
 * no worker; two CPU workers and two transcription workers run as their own JVMs. Workers holding a
 * download, a transcription, or (both CPU workers at once) every run's workflow state are killed
 * ({@code SIGKILL}) or stopped ({@code SIGTERM}) mid-task; every task still completes, without an
 * API restart, and only an interrupted transcription is transcribed twice.
 *
 * <p>{@code -Dstt.failover.rounds=N} repeats each kill N times and {@code
 * -Dstt.failover.report=FILE} writes the measured times from the signal to the task running on
 * another worker ({@code bench/failover.sh}).
 */
class WorkerFailoverTest extends WorkerFailoverTestBase {
  private static final int ROUNDS = Integer.getInteger("stt.failover.rounds", 1);

  @Test
  void tasksCompleteExactlyOnceWhateverWorkerIsStoppedOrKilled() throws Exception {
    for (int i = 0; i < 2; i++) {
      cpuWorkers.add(startCpuWorker());
      gpuWorkers.add(startGpuWorker());
    }
    ServiceClient client = new ServiceClient(port);
    Map<String, List<Duration>> times = new LinkedHashMap<>();
    List<Long> tasks = new ArrayList<>();
    List<Long> retranscribed = new ArrayList<>();

    for (int round = 0; round < ROUNDS; round++) {
      // Background work, in flight while workers go down.
      for (int i = 0; i < 3; i++) {
        tasks.add(client.upload(speech, "").path("id").asLong());
      }
      for (boolean crash : new boolean[] {true, false}) {
        String how = crash ? "SIGKILL" : "SIGTERM";

        String url = mediaUrl(tasks.size());
        long download = client.createFromQuery("file_url=" + url).path("id").asLong();
        tasks.add(download);
        times
            .computeIfAbsent("CPU worker, " + how + " mid-download", k -> new ArrayList<>())
            .add(
                failOver(
                    download,
                    BuiltInComponents.FETCH_ACTIVITY,
                    // Killed before its request reached the server, the retry would be the slow
                    // first download.
                    victim -> awaitRequest(url),
                    cpuWorkers,
                    crash,
                    this::replaceCpuWorker));

        // The failover time measured is the hand-over, not a wait in line: the worker that takes
        // over must be free, not still transcribing an earlier round's long file.
        for (long id : tasks) {
          client.awaitFinished(id, TASK_TIMEOUT, this::workerOutput);
        }
        long transcription = client.upload(longSpeech, "").path("id").asLong();
        tasks.add(transcription);
        retranscribed.add(transcription);
        times
            .computeIfAbsent(
                "transcription worker, " + how + " mid-transcription", k -> new ArrayList<>())
            .add(
                failOver(
                    transcription,
                    BuiltInComponents.TRANSCRIBE_ACTIVITY,
                    victim -> awaitLog(victim, "Task " + transcription + ": transcribing"),
                    gpuWorkers,
                    crash,
                    this::replaceGpuWorker));
      }

      // Every CPU worker dies while the runs wait for their transcriptions: the runs' next
      // workflow tasks must reach the replacements, not the dead workers' sticky queues.
      long waiting = client.upload(longSpeech, "").path("id").asLong();
      tasks.add(waiting);
      awaitActivity(
          waiting,
          BuiltInComponents.TRANSCRIBE_ACTIVITY,
          a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
      for (ChildJvm worker : List.copyOf(cpuWorkers)) {
        worker.kill();
        replaceCpuWorker(worker);
      }
    }

    for (long id : tasks) {
      JsonNode task = client.awaitFinished(id, TASK_TIMEOUT, this::workerOutput);
      assertThat(task.path("status").asText())
          .as("task %d: %s\n%s", id, task.path("error_message").asText(), workerOutput())
          .isEqualTo("completed");
      assertThat(task.path("result").path("segments").size()).isPositive();
    }
    Map<Long, Integer> transcriptions = transcriptionsPerTask();
    for (long id : tasks) {
      assertThat(transcriptions.getOrDefault(id, 0))
          .as("transcriptions of task %d (a stopped transcription worker's task runs twice)", id)
          .isEqualTo(retranscribed.contains(id) ? 2 : 1);
    }
    for (Map.Entry<String, List<Duration>> e : times.entrySet()) {
      for (Duration d : e.getValue()) {
        assertThat(d)
            .as("%s: running elsewhere after %s\n%s", e.getKey(), d, workerOutput())
            .isLessThan(Duration.ofSeconds(15));
      }
    }
    FailoverReport.write(times, System.getProperty("stt.failover.report"));
    for (ChildJvm worker : all) {
      worker.output().lines().filter(l -> l.contains("segment(s)")).forEach(System.out::println);
    }
  }
}
