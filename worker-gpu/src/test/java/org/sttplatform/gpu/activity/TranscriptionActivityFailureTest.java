package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.sttplatform.gpu.model.ModelStore;
import org.sttplatform.gpu.model.ModelStoreConfig;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.Transcript;

/**
 * The transcribe activity's failures for a model it cannot have (missing, or a transient download
 * failure) and for options the engine rejects: their types and whether they are retried.
 */
class TranscriptionActivityFailureTest extends AbstractTranscriptionActivitiesTest {

  @Test
  void missingModelIsANonRetryableModelUnavailableFailure() throws Exception {
    Path audio = copySine();
    recognizer = new RecordingRecognizer();

    Throwable thrown =
        catchThrowable(() -> activities.transcribe(input(audio, false, "medium", null)));

    ApplicationFailure failure = applicationFailure(thrown);
    assertThat(failure.getType()).isEqualTo(Failures.MODEL_UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .startsWith("Model 'medium' is not available: put ggml-medium.bin in " + models)
        .contains("(get it from http://127.0.0.1:9/ggml-medium.bin)");
  }

  @Test
  void optionsTheEngineRejectsAreANonRetryableInvalidOptionsFailure() throws Exception {
    Path audio = copySine();
    recognizer =
        new RecordingRecognizer() {
          @Override
          public Transcript recognize(
              float[] samples, RecognitionSettings s, IntConsumer progress, BooleanSupplier abort) {
            throw new IllegalArgumentException("unknown language: " + s.language());
          }
        };
    DecodeOptions o = DecodeOptions.defaults();
    DecodeOptions xx =
        new DecodeOptions(
            "xx",
            o.temperature(),
            o.compressionRatioThreshold(),
            o.noSpeechThreshold(),
            o.conditionOnPreviousText(),
            o.initialPrompt(),
            o.wordTimestamps(),
            o.prependPunctuations(),
            o.appendPunctuations(),
            o.clipTimestamps(),
            o.hallucinationSilenceThreshold());

    ApplicationFailure failure =
        applicationFailure(
            catchThrowable(() -> activities.transcribe(input(audio, false, null, xx))));

    assertThat(failure.getType()).isEqualTo(Failures.INVALID_OPTIONS);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("unknown language: xx");
  }

  @Test
  void aTransientDownloadFailureIsRetryable() throws Exception {
    Path audio = copySine();
    recognizer = new RecordingRecognizer();
    try (MockWebServer mirror = new MockWebServer()) {
      mirror.enqueue(new MockResponse.Builder().code(503).build());
      mirror.start();
      ModelStore store =
          new ModelStore(
              new ModelStoreConfig(
                  models, "base", null, true, mirror.url("/m").toString(), Map.of()));
      RecognizerPool downloading = new RecognizerPool(store, (name, file) -> recognizer, 1);
      TranscriptionActivitiesImpl withDownloads =
          new TranscriptionActivitiesImpl(FILES, downloading, 1, Duration.ofMillis(100));
      TestActivityEnvironment env2 = TestActivityEnvironment.newInstance();
      try {
        env2.registerActivitiesImplementations(withDownloads);
        TranscriptionActivities stub =
            env2.newActivityStub(
                TranscriptionActivities.class,
                ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                    .build());

        ApplicationFailure failure =
            applicationFailure(
                catchThrowable(() -> stub.transcribe(input(audio, false, "small", null))));

        assertThat(failure.getType()).isEqualTo(Failures.MODEL_DOWNLOAD_FAILED);
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getOriginalMessage())
            .startsWith("Model 'small' is not available")
            .contains("HTTP 503");
      } finally {
        env2.close();
        withDownloads.close();
        downloading.close();
      }
    }
  }
}
