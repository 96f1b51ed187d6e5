package org.sttplatform.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionStreamEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.api.SttApplication;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskStore;
import org.sttplatform.api.temporal.HostedWorkers;
import org.sttplatform.api.testing.Media;
import org.sttplatform.gpu.GpuWorker;
import org.sttplatform.gpu.GpuWorkerSettings;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SegmentListener;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.workflows.model.Transcript;

/**
 * {@code stream=true} sends deltas while the task runs, with the official OpenAI Java SDK as the
 * client, against the running service (embedded Temporal, the hosted CPU and store workers) and a
 * transcription worker on real whisper.cpp (generated micro model, espeak-ng speech with pauses).
 * Its engine holds the recognition after the first segment with text was handed over (and so
 * written to the live segment file) until the test has received the first delta: the delta cannot
 * come from the stored transcript, and the task's row says it is not completed at that moment.
 */
@SpringBootTest(
    classes = SttApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"stt.workers.gpu=false"})
class LiveStreamingTest {
  static final String MODEL = "test-micro";
  static final Path DIR;
  static Path speech;
  static WorkerFactory gpuFactory;
  static GpuWorker gpu;

  /** Opened by the test once it has the first delta; the engine waits for it. */
  static final CountDownLatch firstDeltaReceived = new CountDownLatch(1);

  /** Counted down by the engine once it handed the first segment with text over. */
  static final CountDownLatch firstSegmentSent = new CountDownLatch(1);

  static {
    try {
      DIR = Files.createTempDirectory("stt-live-stream-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired WorkflowClient workflows;
  @Autowired SttProperties properties;
  @Autowired TaskStore tasks;

  @DynamicPropertySource
  static void service(DynamicPropertyRegistry registry) throws Exception {
    Path models = DIR.resolve("models");
    Path model = models.resolve("ggml-" + MODEL + ".bin");
    if (!Files.exists(model)) {
      TestModelGenerator.generate(TestModelGenerator.Preset.MICRO, model, 42);
      // the speech four times with 2 s pauses (about 45 s): more than one 30 s window
      Path once = Media.speech(DIR.resolve("once.wav"), Media.SPEECH);
      speech = DIR.resolve("speech.wav");
      Media.ffmpeg(
          "-i",
          once.toString(),
          "-filter_complex",
          "[0]apad=pad_dur=2,asplit=4[a][b][c][d];[a][b][c][d]concat=n=4:v=0:a=1",
          speech.toString());
    }
    registry.add("stt.data-dir", () -> DIR.resolve("data").toString());
    registry.add("stt.temporal.embedded-port", () -> "0");
    registry.add("stt.worker-env[STT_MODELS_DIR]", models::toString);
    registry.add("stt.worker-env[STT_MODEL]", () -> MODEL);
    registry.add("stt.worker-env[STT_MODEL_DOWNLOAD]", () -> "false");
    registry.add("stt.worker-env[STT_WHISPER_THREADS]", () -> "2");
  }

  /** The transcription worker, as a standalone one registers, with the holding engine. */
  @BeforeEach
  void transcriptionWorker() {
    if (gpu != null) {
      return;
    }
    Map<String, String> env = HostedWorkers.workerEnvironment(properties);
    GpuWorkerSettings settings = GpuWorkerSettings.fromEnv(env);
    gpuFactory = WorkerFactory.newInstance(workflows);
    gpu =
        GpuWorker.register(
            gpuFactory,
            settings,
            (name, file) -> new Holding(GpuWorker.speechEngine(settings).load(name, file)));
    gpuFactory.start();
  }

  @AfterAll
  static void stopWorker() {
    if (gpu != null) {
      gpu.handBack();
      gpuFactory.shutdown();
      gpuFactory.awaitTermination(10, TimeUnit.SECONDS);
      gpu.close();
    }
  }

  /** whisper.cpp, holding on the first segment with text until the test saw its delta. */
  record Holding(SpeechRecognizer engine) implements SpeechRecognizer {
    @Override
    public Transcript recognize(
        float[] samples, RecognitionSettings s, IntConsumer progress, BooleanSupplier aborted) {
      return engine.recognize(samples, s, progress, aborted);
    }

    @Override
    public Transcript recognize(
        AudioSource audio,
        RecognitionSettings s,
        IntConsumer progress,
        BooleanSupplier aborted,
        SegmentListener segments) {
      return engine.recognize(
          audio,
          s,
          progress,
          aborted,
          segment -> {
            segments.onSegment(segment);
            if (!segment.text().isEmpty() && firstSegmentSent.getCount() > 0) {
              firstSegmentSent.countDown();
              try {
                firstDeltaReceived.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          });
    }

    @Override
    public String modelName() {
      return engine.modelName();
    }

    @Override
    public void close() {
      engine.close();
    }
  }

  @Test
  void theFirstDeltaArrivesWhileTheTaskRunsAndTheDeltasAreTheStoredSegments() {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl("http://localhost:" + port + "/v1")
            .apiKey("any-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(120))
            .build();
    List<String> deltas = new ArrayList<>();
    TaskStatus statusAtFirstDelta = null;
    String done = null;
    long taskId;
    try (HttpResponseFor<StreamResponse<TranscriptionStreamEvent>> response =
        client
            .audio()
            .transcriptions()
            .withRawResponse()
            .createStreaming(
                TranscriptionCreateParams.builder()
                    .file(speech)
                    .model("whisper-1")
                    .responseFormat(AudioResponseFormat.JSON)
                    // no fall-back: decoding the random model again and again takes minutes
                    .temperature(0.0)
                    .build())) {
      taskId = Long.parseLong(response.headers().values("x-stt-task-id").get(0));
      try (StreamResponse<TranscriptionStreamEvent> stream = response.parse()) {
        for (TranscriptionStreamEvent event :
            (Iterable<TranscriptionStreamEvent>) stream.stream()::iterator) {
          if (event.isTranscriptTextDelta()) {
            if (deltas.isEmpty()) {
              assertThat(firstSegmentSent.getCount()).isZero();
              statusAtFirstDelta = tasks.find(taskId).orElseThrow().status();
              firstDeltaReceived.countDown();
            }
            deltas.add(event.asTranscriptTextDelta().delta());
          } else if (event.isTranscriptTextDone()) {
            done = event.asTranscriptTextDone().text();
          }
        }
      }
    } finally {
      firstDeltaReceived.countDown(); // never leave the engine waiting
    }

    assertThat(statusAtFirstDelta).isNotNull().isNotEqualTo(TaskStatus.COMPLETED);
    TaskRecord task = tasks.find(taskId).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    Transcript stored = task.result();
    List<String> storedTexts =
        stored.segments().stream().map(Transcript.Segment::text).filter(t -> !t.isEmpty()).toList();
    assertThat(storedTexts).hasSizeGreaterThan(1);
    // one delta per stored segment, in order, none twice, each with the stored segment's text
    assertThat(deltas).containsExactlyElementsOf(storedTexts);
    assertThat(done).isEqualTo(stored.text());
    assertThat(String.join("", deltas).replaceAll("\\s+", " ").strip()).isEqualTo(done);
  }
}
