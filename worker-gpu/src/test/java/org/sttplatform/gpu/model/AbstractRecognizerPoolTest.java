package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.workflows.model.Transcript;

/**
 * A models directory with four model files (no downloads) for a {@link RecognizerPool}, factories
 * of stub recognizers that record every load and close, and the helpers the pool's tests share.
 */
abstract class AbstractRecognizerPoolTest {

  @TempDir Path models;

  final List<StubRecognizer> loaded = new CopyOnWriteArrayList<>();
  final AtomicInteger loads = new AtomicInteger();
  ModelStore store;

  @BeforeEach
  void setUp() throws Exception {
    Files.write(models.resolve("ggml-base.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-tiny.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-small.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-large-v3.bin"), new byte[] {1});
    store =
        new ModelStore(
            new ModelStoreConfig(models, "base", null, false, "http://127.0.0.1:9", Map.of()));
  }

  RecognizerFactory slowFactory() {
    return (name, file) -> {
      loads.incrementAndGet();
      Thread.sleep(100);
      StubRecognizer r = new StubRecognizer(name);
      loaded.add(r);
      return r;
    };
  }

  /** Loads stubs without delay, or with a short random one to shake out races. */
  RecognizerFactory factory(int maxDelayMillis) {
    return (name, file) -> {
      loads.incrementAndGet();
      if (maxDelayMillis > 0) {
        Thread.sleep(ThreadLocalRandom.current().nextInt(maxDelayMillis + 1));
      }
      StubRecognizer r = new StubRecognizer(name);
      loaded.add(r);
      return r;
    };
  }

  static void use(RecognizerPool pool, String model) throws Exception {
    try (RecognizerPool.Lease lease = pool.acquire(model, null)) {
      assertThat(lease.recognizer().modelName()).isEqualTo(model);
    }
  }

  List<StubRecognizer> open() {
    return loaded.stream().filter(r -> !r.closed).toList();
  }

  StubRecognizer stub(String model) {
    return loaded.stream().filter(r -> r.name.equals(model)).findFirst().orElseThrow();
  }

  /** A recognizer that only remembers whether (and how often) it was closed. */
  static final class StubRecognizer implements SpeechRecognizer {
    final String name;
    final AtomicInteger closes = new AtomicInteger();
    volatile boolean closed;

    StubRecognizer(String name) {
      this.name = name;
    }

    @Override
    public Transcript recognize(
        float[] samples,
        RecognitionSettings settings,
        IntConsumer progress,
        BooleanSupplier aborted) {
      return new Transcript("", "en", 1.0, 0, "stub", name, 0, List.of());
    }

    @Override
    public String modelName() {
      return name;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
      closed = true;
    }
  }
}
