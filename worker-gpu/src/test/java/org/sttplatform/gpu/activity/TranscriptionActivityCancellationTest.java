package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.sttplatform.gpu.model.DownloadFixtures;
import org.sttplatform.gpu.model.ModelStatus;
import org.sttplatform.gpu.model.ModelStore;
import org.sttplatform.gpu.model.ModelStoreConfig;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.Transcript;

/**
 * A cancelled transcribe activity: the engine is asked to abort, and a model download it waits for
 * goes on without it.
 */
class TranscriptionActivityCancellationTest extends AbstractTranscriptionActivitiesTest {

  @Test
  void cancellationAbortsTheEngine() throws Exception {
    Path audio = copySine();
    AtomicBoolean sawAbort = new AtomicBoolean();
    recognizer =
        new RecordingRecognizer() {
          @Override
          public Transcript recognize(
              float[] samples, RecognitionSettings s, IntConsumer progress, BooleanSupplier abort) {
            env.requestCancelActivity();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int percent = 0;
            while (System.nanoTime() < deadline) {
              if (abort.getAsBoolean()) {
                sawAbort.set(true);
                throw new CancellationException("aborted");
              }
              progress.accept(Math.min(99, percent++));
              sleep(20);
            }
            throw new AssertionError("the engine was never asked to abort");
          }
        };

    Throwable thrown =
        catchThrowable(() -> activities.transcribe(input(audio, false, "base", null)));

    assertThat(sawAbort).isTrue();
    // The test environment surfaces Temporal's cancellation as CanceledFailure.
    assertThat(thrown)
        .satisfiesAnyOf(
            t -> assertThat(t).isInstanceOf(CanceledFailure.class),
            t -> assertThat(t).hasCauseInstanceOf(CanceledFailure.class));
    assertThat(taskDir.resolve("transcript.json")).doesNotExist();
  }

  @Test
  void cancellationWhileTheModelDownloadsEndsTheActivityAndTheDownloadGoesOn() throws Exception {
    Path audio = copySine();
    recognizer = new RecordingRecognizer();
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    byte[] model = DownloadFixtures.modelBytes(128 * 1024);
    try (MockWebServer mirror = new MockWebServer()) {
      mirror.enqueue(new MockResponse.Builder().body(new Buffer().write(model)).build());
      mirror.start();
      ModelStore store =
          new ModelStore(
              new ModelStoreConfig(
                  models,
                  "base",
                  null,
                  true,
                  mirror.url("/m").toString(),
                  Map.of("small", DownloadFixtures.sha1(model))),
              DownloadFixtures.gatedClient(requested, gate));
      RecognizerPool downloading = new RecognizerPool(store, (name, file) -> recognizer, 1);
      TranscriptionActivitiesImpl withDownloads =
          new TranscriptionActivitiesImpl(FILES, downloading, 1, Duration.ofMillis(100));
      TestActivityEnvironment env2 = TestActivityEnvironment.newInstance();
      Thread canceller =
          new Thread(
              () -> {
                try {
                  if (requested.await(30, TimeUnit.SECONDS)) {
                    env2.requestCancelActivity();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      try {
        env2.registerActivitiesImplementations(withDownloads);
        TranscriptionActivities stub =
            env2.newActivityStub(
                TranscriptionActivities.class,
                ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(1))
                    .setHeartbeatTimeout(Duration.ofSeconds(5))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                    .build());
        canceller.start();

        Throwable thrown =
            catchThrowable(() -> stub.transcribe(input(audio, false, "small", null)));

        // Cancelled while the download is still held at the gate: the activity did not wait.
        assertThat(thrown)
            .satisfiesAnyOf(
                t -> assertThat(t).isInstanceOf(CanceledFailure.class),
                t -> assertThat(t).hasCauseInstanceOf(CanceledFailure.class));
        assertThat(store.status("small").state()).isEqualTo(ModelStatus.State.DOWNLOADING);
        assertThat(taskDir.resolve("transcript.json")).doesNotExist();

        // Released, the download completes without the cancelled task: once, into place.
        gate.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.status("small").state() != ModelStatus.State.PRESENT
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(store.status("small").state()).isEqualTo(ModelStatus.State.PRESENT);
        assertThat(mirror.getRequestCount()).isEqualTo(1);
      } finally {
        gate.countDown();
        canceller.join(10_000);
        env2.close();
        withDownloads.close();
        downloading.close();
      }
    }
  }
}
