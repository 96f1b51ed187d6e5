package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.model.DownloadFixtures;
import org.sttplatform.gpu.model.ModelStatus;
import org.sttplatform.gpu.model.ModelStore;
import org.sttplatform.gpu.model.ModelStoreConfig;
import org.sttplatform.gpu.model.RecognizerFactory;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.storage.FileStore;
import org.sttplatform.storage.LocalFileStore;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;

class TranscriptionActivitiesImplTest {
  /** Rooted at "/", so that every temporary file has a key. */
  static final FileStore FILES = new LocalFileStore(Path.of("/"));

  @TempDir static Path shared;
  static Path sineWav;

  @TempDir Path taskDir;
  @TempDir Path models;

  private TestActivityEnvironment env;
  private RecognizerPool pool;
  private TranscriptionActivitiesImpl impl;
  private TranscriptionActivities activities;
  private final List<Integer> heartbeats = new CopyOnWriteArrayList<>();
  private volatile SpeechRecognizer recognizer;

  /** A 2 s 440 Hz sine, 16 kHz mono s16le, as ffmpeg writes it (with a LIST chunk). */
  @BeforeAll
  static void writeWav() throws Exception {
    sineWav = shared.resolve("sine.wav");
    assumeTrue(
        ffmpeg(
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-ar",
            "16000",
            "-ac",
            "1",
            "-c:a",
            "pcm_s16le",
            sineWav.toString()),
        "ffmpeg is not installed");
  }

  static boolean ffmpeg(String... args) throws InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-y"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    Files.write(models.resolve("ggml-base.bin"), new byte[] {1});
    ModelStore store =
        new ModelStore(
            new ModelStoreConfig(models, "base", null, false, "http://127.0.0.1:9", Map.of()));
    RecognizerFactory factory = (name, file) -> recognizer;
    pool = new RecognizerPool(store, factory, 1);
    impl = new TranscriptionActivitiesImpl(FILES, pool, 3, Duration.ofMillis(100));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(impl);
    env.setActivityHeartbeatListener(Integer.class, heartbeats::add);
    activities =
        env.newActivityStub(
            TranscriptionActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofMillis(500))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
    impl.close();
    pool.close();
  }

  private TranscribeInput input(Path audio, boolean translate, String model, DecodeOptions o) {
    return new TranscribeInput(7, new AudioRef(FILES.put(audio), 2.0), translate, model, o);
  }

  private Path copySine() throws IOException {
    return Files.copy(sineWav, taskDir.resolve("audio.wav"));
  }

  @Test
  void transcribesTheWavAndWritesTheTranscriptNextToIt() throws Exception {
    Path audio = copySine();
    RecordingRecognizer fake = new RecordingRecognizer();
    fake.stepMillis = 100;
    recognizer = fake;
    DecodeOptions options =
        new DecodeOptions(
            "EN",
            List.of(0.0, 0.5),
            null,
            0.5,
            false,
            "Glossary: Temporal.",
            true,
            null,
            ".",
            List.of(0.5),
            2.0);

    TranscriptRef ref = activities.transcribe(input(audio, true, "base", options));

    // The samples: 2 s at 16 kHz, ffmpeg's sine has amplitude 1/8.
    float[] samples = fake.samples.get();
    assertThat(samples).hasSize(32_000);
    float max = 0;
    float min = 0;
    for (float s : samples) {
      max = Math.max(max, s);
      min = Math.min(min, s);
    }
    assertThat(max).isCloseTo(0.125f, within(0.005f));
    assertThat(min).isCloseTo(-0.125f, within(0.005f));

    // The decode options.
    RecognitionSettings settings = fake.settings.get();
    assertThat(settings.language()).isEqualTo("en");
    assertThat(settings.translate()).isTrue();
    assertThat(settings.temperatures()).containsExactly(0.0, 0.5);
    assertThat(settings.compressionRatioThreshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(settings.noSpeechThreshold()).isEqualTo(0.5);
    assertThat(settings.conditionOnPreviousText()).isFalse();
    assertThat(settings.initialPrompt()).isEqualTo("Glossary: Temporal.");
    assertThat(settings.wordTimestamps()).isTrue();
    assertThat(settings.prependPunctuations()).isEqualTo(DecodeOptions.DEFAULT_PREPEND);
    assertThat(settings.appendPunctuations()).isEqualTo(".");
    assertThat(settings.clips()).hasSize(1);
    assertThat(settings.clips().get(0)).containsExactly(0.5, 2.0);
    assertThat(settings.hallucinationSilenceThreshold()).isEqualTo(2.0);
    assertThat(settings.threads()).isEqualTo(3);

    // The returned reference.
    Path json = taskDir.resolve("transcript.json");
    assertThat(FILES.localFile(ref.key())).isEqualTo(json);
    assertThat(ref.language()).isEqualTo("en");
    assertThat(ref.languageProbability()).isEqualTo(0.93);
    assertThat(ref.segmentCount()).isEqualTo(2);
    assertThat(ref.engineSeconds()).isGreaterThanOrEqualTo(0.0).isLessThan(10.0);

    // The JSON file, with the wire names.
    JsonNode tree = new ObjectMapper().readTree(json.toFile());
    assertThat(tree.get("text").asText()).isEqualTo(" 32000 samples. Done.");
    assertThat(tree.get("language_probability").asDouble()).isEqualTo(0.93);
    assertThat(tree.get("engine").asText()).isEqualTo("whisper.cpp");
    assertThat(tree.get("model").asText()).isEqualTo("base");
    assertThat(tree.get("duration").asDouble()).isEqualTo(2.0);
    assertThat(tree.get("engine_seconds").asDouble()).isEqualTo(ref.engineSeconds());
    assertThat(tree.get("segments")).hasSize(2);
    JsonNode second = tree.get("segments").get(1);
    assertThat(second.get("avg_logprob").asDouble()).isEqualTo(-0.2);
    assertThat(second.get("no_speech_prob").asDouble()).isEqualTo(0.01);
    assertThat(second.get("words").get(0).get("word").asText()).isEqualTo(" Done.");
    assertThat(tree.get("segments").get(0).get("words").isNull()).isTrue();
    try (Stream<Path> files = Files.list(taskDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("audio.wav", "transcript.json");
    }

    // Heartbeats: Integer percentages, in order. Temporal throttles them (0.8 x the heartbeat
    // timeout) and drops the last pending one when the activity completes, so not every value is
    // seen; the fake engine runs long enough for several to be.
    assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(2).isSorted().startsWith(0);
    assertThat(heartbeats).allMatch(p -> p >= 0 && p <= 100);
    assertThat(heartbeats.get(heartbeats.size() - 1)).isPositive();
  }

  @Test
  void nullOptionsAndModelUseTheDefaults() throws Exception {
    Path audio = copySine();
    RecordingRecognizer fake = new RecordingRecognizer();
    recognizer = fake;

    activities.transcribe(input(audio, false, null, null));

    RecognitionSettings settings = fake.settings.get();
    assertThat(settings.language()).isNull();
    assertThat(settings.translate()).isFalse();
    assertThat(settings.temperatures()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
    assertThat(settings.compressionRatioThreshold()).isEqualTo(2.4);
    assertThat(settings.clips()).isEmpty();
  }

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

  @Test
  void notAWavIsBadMedia() throws Exception {
    Path audio = Files.writeString(taskDir.resolve("audio.wav"), "not audio at all");
    recognizer = new RecordingRecognizer();

    ApplicationFailure failure =
        applicationFailure(
            catchThrowable(() -> activities.transcribe(input(audio, false, null, null))));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("not a RIFF/WAVE file");
  }

  @Test
  void stereo44kWavIsBadMedia() throws Exception {
    Path audio = taskDir.resolve("audio.wav");
    assumeTrue(
        ffmpeg(
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=0.2",
            "-ar",
            "44100",
            "-ac",
            "2",
            "-c:a",
            "pcm_s16le",
            audio.toString()));
    recognizer = new RecordingRecognizer();

    ApplicationFailure failure =
        applicationFailure(
            catchThrowable(() -> activities.transcribe(input(audio, false, null, null))));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.getOriginalMessage()).contains("2 channel(s), 44100 Hz");
  }

  @Test
  void aWavWithoutSamplesIsBadMedia() throws Exception {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36).put("WAVEfmt ".getBytes()).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000);
    b.putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(0);
    Path audio = Files.write(taskDir.resolve("audio.wav"), b.array());
    recognizer = new RecordingRecognizer();

    ApplicationFailure failure =
        applicationFailure(
            catchThrowable(() -> activities.transcribe(input(audio, false, null, null))));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.getOriginalMessage()).contains("no audio samples");
  }

  private static ApplicationFailure applicationFailure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  /** Returns a fixed transcript built from the samples it got, reporting progress as it goes. */
  static class RecordingRecognizer implements SpeechRecognizer {
    final AtomicReference<float[]> samples = new AtomicReference<>();
    final AtomicReference<RecognitionSettings> settings = new AtomicReference<>();
    volatile long stepMillis;

    @Override
    public Transcript recognize(
        float[] samples,
        RecognitionSettings settings,
        IntConsumer progress,
        BooleanSupplier abort) {
      this.samples.set(samples);
      this.settings.set(settings);
      for (int p = 0; p <= 100; p += 10) {
        progress.accept(p);
        sleep(stepMillis);
      }
      return new Transcript(
          " " + samples.length + " samples. Done.",
          "en",
          0.93,
          samples.length / 16000.0,
          null,
          null,
          0,
          List.of(
              new Transcript.Segment(
                  1,
                  0.0,
                  1.0,
                  " " + samples.length + " samples.",
                  List.of(1, 2),
                  -0.1,
                  1.1,
                  0.02,
                  null),
              new Transcript.Segment(
                  2,
                  1.0,
                  2.0,
                  " Done.",
                  List.of(3),
                  -0.2,
                  1.0,
                  0.01,
                  List.of(new Transcript.Word(1.0, 1.5, " Done.", 0.9)))));
    }

    @Override
    public String modelName() {
      return "fake";
    }

    @Override
    public void close() {}
  }
}
