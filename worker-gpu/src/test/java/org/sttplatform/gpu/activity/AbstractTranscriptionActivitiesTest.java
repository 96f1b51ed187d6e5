package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.SharedTestDir;
import org.sttplatform.gpu.model.ModelStore;
import org.sttplatform.gpu.model.ModelStoreConfig;
import org.sttplatform.gpu.model.RecognizerFactory;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.storage.FileStore;
import org.sttplatform.storage.LocalFileStore;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.Transcript;

/**
 * {@link TranscriptionActivitiesImpl} in a {@link TestActivityEnvironment}, on a pool of one whose
 * recognizer each test sets (a {@link RecordingRecognizer} or its own), and the helpers its tests
 * share.
 */
abstract class AbstractTranscriptionActivitiesTest {
  /** Rooted at "/", so that every temporary file has a key. */
  static final FileStore FILES = new LocalFileStore(Path.of("/"));

  static Path shared;
  static Path sineWav;
  private static boolean written;

  @TempDir Path taskDir;
  @TempDir Path models;

  TestActivityEnvironment env;
  RecognizerPool pool;
  TranscriptionActivitiesImpl impl;
  TranscriptionActivities activities;
  final List<Integer> heartbeats = new CopyOnWriteArrayList<>();
  volatile SpeechRecognizer recognizer;

  /**
   * A 2 s 440 Hz sine, 16 kHz mono s16le, as ffmpeg writes it (with a LIST chunk): written by the
   * first test class of the JVM into a {@link SharedTestDir} and kept for the others.
   */
  @BeforeAll
  static synchronized void writeWav() throws Exception {
    if (shared == null) {
      shared = SharedTestDir.create("transcription-activities-test");
      sineWav = shared.resolve("sine.wav");
      written =
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
              sineWav.toString());
    }
    assumeTrue(written, "ffmpeg is not installed");
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

  TranscribeInput input(Path audio, boolean translate, String model, DecodeOptions o) {
    return new TranscribeInput(7, new AudioRef(FILES.put(audio), 2.0), translate, model, o);
  }

  Path copySine() throws IOException {
    return Files.copy(sineWav, taskDir.resolve("audio.wav"));
  }

  static ApplicationFailure applicationFailure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  static void sleep(long millis) {
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
