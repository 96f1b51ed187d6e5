package org.sttplatform.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.model.ModelStatus;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/** The worker registered in a factory serves the component the engine calls on the GPU queue. */
class GpuWorkerTest {

  @WorkflowInterface
  public interface CallTranscribe {
    @WorkflowMethod
    TranscribeOutput call(TranscribeStepInput input);
  }

  public static class CallTranscribeImpl implements CallTranscribe {
    private final TranscribeComponent engine =
        Workflow.newActivityStub(TranscribeComponent.class, ActivityDefaults.transcribe());

    @Override
    public TranscribeOutput call(TranscribeStepInput input) {
      return engine.transcribe(input);
    }
  }

  @TempDir Path dir;

  private TestWorkflowEnvironment env;
  private GpuWorker gpu;
  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.write(models.resolve("ggml-tiny.bin"), new byte[] {1});
    GpuWorkerSettings settings =
        GpuWorkerSettings.fromEnv(
            Map.of(
                "STT_DATA_DIR", dir.toString(),
                "STT_MODELS_DIR", models.toString(),
                "STT_MODEL", "tiny",
                "STT_MODEL_DOWNLOAD", "false",
                "STT_WHISPER_THREADS", "2",
                "STT_WHISPER_POOL_SIZE", "2",
                "STT_MAX_LOADED_MODELS", "3"));
    env = TestWorkflowEnvironment.newInstance();
    gpu =
        GpuWorker.register(
            env.getWorkerFactory(),
            settings,
            (name, file) -> {
              loads.incrementAndGet();
              return new Echo(name);
            });
    env.newWorker("test-workflows").registerWorkflowImplementationTypes(CallTranscribeImpl.class);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
    gpu.close();
  }

  private TranscribeOutput call(String model, AudioRef audio) {
    return call(new TranscribeStepInput("w", 1L, audio, null, model, null, null, null, null, null));
  }

  private TranscribeOutput call(TranscribeStepInput input) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            CallTranscribe.class,
            WorkflowOptions.newBuilder().setTaskQueue("test-workflows").build())
        .call(input);
  }

  private Path wav(int samples) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVEfmt ".getBytes()).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000);
    b.putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b.array());
    Path task = Files.createDirectories(dir.resolve("task-1"));
    return Files.write(task.resolve("audio.wav"), out.toByteArray());
  }

  @Test
  void servesTranscribeOnTheGpuQueueWithTheDefaultModel() throws Exception {
    Path audio = wav(8000);

    TranscribeOutput output = call(null, new AudioRef(dir.relativize(audio).toString(), 0.5));
    call("tiny", new AudioRef(dir.relativize(audio).toString(), 0.5));
    TranscriptRef ref = output.transcript();

    assertThat(ref.key()).isEqualTo("task-1/transcript.json");
    assertThat(ref.segmentCount()).isZero();
    assertThat(output.taskId()).isEqualTo(1L);
    assertThat(output.text()).isEqualTo("8000 samples");
    assertThat(Files.readString(dir.resolve(ref.key()))).contains("\"text\":\"8000 samples\"");
    assertThat(loads).hasValue(1);
    assertThat(gpu.defaultModelStatus().state()).isEqualTo(ModelStatus.State.PRESENT);
    assertThat(gpu.pool().size()).isEqualTo(2);
    assertThat(gpu.pool().maxLoaded()).isEqualTo(3);

    env.close();
    gpu.close();
    assertThat(closes).hasValue(1);
  }

  @Test
  void aMissingModelFailsTheCallAtOnce() throws Exception {
    Path audio = wav(100);

    Throwable thrown =
        catchThrowable(() -> call("large-v3", new AudioRef(dir.relativize(audio).toString(), 0.1)));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    Throwable activity = thrown.getCause();
    assertThat(activity).isInstanceOf(ActivityFailure.class);
    ApplicationFailure failure = (ApplicationFailure) activity.getCause();
    assertThat(failure.getType()).isEqualTo(Failures.MODEL_UNAVAILABLE);
    assertThat(failure.getOriginalMessage()).contains("ggml-large-v3.bin");
    assertThat(((ActivityFailure) activity).getRetryState().name())
        .isEqualTo("RETRY_STATE_NON_RETRYABLE_FAILURE");
  }

  /** Echoes the sample count as the text. */
  private final class Echo implements SpeechRecognizer {
    private final String name;

    Echo(String name) {
      this.name = name;
    }

    @Override
    public Transcript recognize(
        float[] samples, RecognitionSettings s, IntConsumer progress, BooleanSupplier aborted) {
      progress.accept(100);
      return new Transcript(samples.length + " samples", "en", 1.0, 0, null, name, 0, List.of());
    }

    @Override
    public String modelName() {
      return name;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }
}
