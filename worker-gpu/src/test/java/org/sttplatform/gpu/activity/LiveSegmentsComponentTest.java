package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.LiveSegment;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/**
 * The transcribe component writes the task's live segment file in the run's working folder: with
 * VAD (real Silero, real whisper.cpp on the micro model, espeak-ng speech with pauses), its lines
 * are the step's segments, times on the original timeline.
 */
class LiveSegmentsComponentTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  private TestActivityEnvironment env;
  private RecognizerPool pool;
  private TranscriptionActivitiesImpl impl;
  private TranscribeComponent component;
  private FileStore files;

  @BeforeEach
  void setUp() throws Exception {
    Path models = Files.createDirectories(root.resolve("models"));
    TestModelGenerator.generate(
        TestModelGenerator.Preset.MICRO, models.resolve("ggml-test-micro.bin"), 42);
    ModelStore store =
        new ModelStore(
            new ModelStoreConfig(
                models, "test-micro", null, false, "http://127.0.0.1:9", Map.of()));
    pool =
        new RecognizerPool(
            store,
            (name, file) ->
                WhisperCppRecognizer.load(file, WhisperOptions.defaults().withThreads(2)),
            1);
    VadModelStore vad =
        new VadModelStore(SileroTestModel.path(), models, false, null, ModelStore.defaultClient());
    files = new LocalFileStore(root.resolve("data"));
    impl = new TranscriptionActivitiesImpl(files, pool, 2, Duration.ofMillis(200), vad);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new TranscribeComponentImpl(impl));
    component =
        env.newActivityStub(
            TranscribeComponent.class,
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

  @Test
  void theLiveSegmentFileHoldsTheStepsSegmentsOnTheOriginalTimeline() throws Exception {
    Path step = Files.createDirectories(root.resolve("data/work/runs/task-5/2"));
    Path first = VadAudio.speak("The meeting starts at nine.", root.resolve("a.wav"));
    Path second = VadAudio.speak("Please bring the quarterly report.", root.resolve("b.wav"));
    Path audio = VadAudio.concat(step.resolve("audio.wav"), List.of(2.0, first, 4.0, second, 3.0));

    TranscribeOutput out =
        component.transcribe(
            new TranscribeStepInput(
                "task-5",
                5L,
                new AudioRef(files.put(audio), 0),
                "transcribe",
                "test-micro",
                "en",
                null,
                null,
                Map.of("vad_filter", true),
                true));

    Path live = files.localFile(LiveSegment.key("task-5", 5));
    assertThat(live).isEqualTo(root.resolve("data/work/runs/task-5/segments-5.jsonl"));
    List<TranscribeOutput.Segment> lines = new ArrayList<>();
    for (String line : Files.readAllLines(live)) {
      LiveSegment s = JSON.readValue(line, LiveSegment.class);
      lines.add(new TranscribeOutput.Segment(s.id(), s.start(), s.end(), s.text()));
    }
    assertThat(out.segments()).isNotEmpty();
    assertThat(lines).containsExactlyElementsOf(out.segments());
    // on the original timeline: the speech starts after the 2 s of silence
    assertThat(lines.get(0).start()).isGreaterThan(1.0);
  }
}
