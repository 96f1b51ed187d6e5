package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.model.ModelStore;
import org.sttplatform.gpu.model.ModelStoreConfig;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.model.VadModelStore;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.gpu.vad.SileroTestModel;
import org.sttplatform.gpu.vad.VadAudio;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;
import org.sttplatform.storage.FileStore;
import org.sttplatform.storage.LocalFileStore;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.model.VadOptions;

/**
 * {@code vad_filter} end to end in the activity: the real Silero model, the real whisper.cpp engine
 * (generated micro model: nonsense text, real timestamps) and real audio.
 */
class VadTranscriptionTest {
  /** Rooted at "/", so that every temporary file has a key. */
  static final FileStore FILES = new LocalFileStore(Path.of("/"));

  @TempDir static Path shared;
  @TempDir Path taskDir;

  private static Path speechClip;
  private static Path noiseClip;
  private static Path silenceClip;

  private TestActivityEnvironment env;
  private RecognizerPool pool;
  private TranscriptionActivitiesImpl impl;
  private TranscriptionActivities activities;

  @BeforeAll
  static void audioAndModels() throws Exception {
    Path first = VadAudio.speak("The meeting starts at nine.", shared.resolve("a.wav"));
    Path second = VadAudio.speak("Please bring the quarterly report.", shared.resolve("b.wav"));
    speechClip =
        VadAudio.concat(shared.resolve("speech.wav"), List.of(2.0, first, 4.0, second, 3.0));
    noiseClip = VadAudio.noise(shared.resolve("noise.wav"), 8, 0.3);
    silenceClip = VadAudio.silence(shared.resolve("silence.wav"), 8);
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, shared.resolve("ggml-test-micro.bin"), 42);
  }

  @BeforeEach
  void setUp() throws Exception {
    ModelStore store =
        new ModelStore(
            new ModelStoreConfig(
                shared, "test-micro", null, false, "http://127.0.0.1:9", Map.of()));
    pool =
        new RecognizerPool(
            store,
            (name, file) ->
                WhisperCppRecognizer.load(file, WhisperOptions.defaults().withThreads(2)),
            1);
    VadModelStore vad =
        new VadModelStore(SileroTestModel.path(), shared, false, null, ModelStore.defaultClient());
    impl = new TranscriptionActivitiesImpl(FILES, pool, 2, Duration.ofMillis(200), vad);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(impl);
    activities =
        env.newActivityStub(
            TranscriptionActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
    impl.close();
    pool.close();
  }

  private Transcript transcribe(Path clip, DecodeOptions options) throws Exception {
    Path audio = Files.copy(clip, taskDir.resolve("audio.wav"));
    TranscriptRef ref =
        activities.transcribe(
            new TranscribeInput(
                3, new AudioRef(FILES.put(audio), 0), false, "test-micro", options));
    Transcript t =
        new ObjectMapper().readValue(FILES.localFile(ref.key()).toFile(), Transcript.class);
    Files.delete(audio);
    return t;
  }

  private static DecodeOptions vad(boolean on) {
    return DecodeOptions.defaults().withVad(on, null);
  }

  @Test
  void onlySpeechRegionsAreDecodedAndTimesStayOnTheOriginalTimeline() throws Exception {
    Transcript t = transcribe(speechClip, vad(true));

    assertThat(t.vad()).isNotNull();
    List<Transcript.Region> regions = t.vad().regions();
    assertThat(regions).hasSize(2);
    // Default padding 400 ms around speech placed at 2 s and after a 4 s pause.
    assertThat(regions.get(0).start()).isBetween(1.4, 1.8);
    assertThat(regions.get(1).start()).isGreaterThan(regions.get(0).end() + 2.5);
    double speech = 0;
    for (Transcript.Region r : regions) {
      speech += r.end() - r.start();
    }
    assertThat(t.vad().speechRatio()).isCloseTo(speech / t.duration(), within(0.01));
    // The speech is decoded joined (as faster-whisper does): a segment may run from one region
    // into the next, but its start and end always fall inside regions, never in skipped audio.
    assertThat(t.segments()).isNotEmpty();
    for (Transcript.Segment s : t.segments()) {
      assertThat(inside(regions, s.start()))
          .as("start of %.2f-%.2f in a region %s", s.start(), s.end(), regions)
          .isTrue();
      assertThat(inside(regions, s.end()))
          .as("end of %.2f-%.2f in a region %s", s.start(), s.end(), regions)
          .isTrue();
    }
  }

  private static boolean inside(List<Transcript.Region> regions, double t) {
    return regions.stream().anyMatch(r -> t >= r.start() - 0.01 && t <= r.end() + 0.01);
  }

  @Test
  void noiseAndSilenceGiveNoRegionsAndNoText() throws Exception {
    // Without VAD the random-weight model writes text for the noise (deterministic: fixed seeds):
    // a hallucination that VAD must prevent.
    Transcript unfiltered = transcribe(noiseClip, vad(false));
    assertThat(unfiltered.vad()).isNull();
    assertThat(unfiltered.segments()).isNotEmpty();

    for (Path clip : List.of(noiseClip, silenceClip)) {
      Transcript t = transcribe(clip, vad(true));
      assertThat(t.vad().regions()).as("regions of %s", clip).isEmpty();
      assertThat(t.vad().speechRatio()).isZero();
      assertThat(t.segments()).isEmpty();
      assertThat(t.text()).isEmpty();
      assertThat(t.engineSeconds()).isZero();
    }
  }

  @Test
  void outOfRangeOptionsFailTheTaskAsInvalid() {
    DecodeOptions bad =
        DecodeOptions.defaults().withVad(true, new VadOptions(1.5, null, null, null, null, null));
    Throwable thrown = catchThrowable(() -> transcribe(speechClip, bad));
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    ApplicationFailure cause = (ApplicationFailure) thrown.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.INVALID_OPTIONS);
    assertThat(cause.isNonRetryable()).isTrue();
  }

  @Test
  void aMissingVadModelFailsNamingTheFileAndTheSettings() throws Exception {
    impl.close();
    env.close();
    VadModelStore missing =
        new VadModelStore(null, taskDir, false, null, ModelStore.defaultClient());
    impl = new TranscriptionActivitiesImpl(FILES, pool, 2, Duration.ofMillis(200), missing);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(impl);
    activities =
        env.newActivityStub(
            TranscriptionActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    Throwable thrown = catchThrowable(() -> transcribe(silenceClip, vad(true)));
    ApplicationFailure cause = (ApplicationFailure) thrown.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.MODEL_UNAVAILABLE);
    assertThat(cause.getOriginalMessage())
        .contains(VadModelStore.FILE_NAME)
        .contains("STT_VAD_MODEL_PATH");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
