package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.vad.SileroTestModel;

/** Where the VAD model comes from: explicit path, models directory, or a download on first use. */
class VadModelStoreTest {

  @TempDir Path models;
  private MockWebServer mirror;

  @BeforeEach
  void start() throws Exception {
    mirror = new MockWebServer();
    mirror.start();
  }

  @AfterEach
  void stop() {
    mirror.close();
  }

  private VadModelStore store(Path path, boolean download) {
    return new VadModelStore(
        path,
        models,
        download,
        mirror.url("/silero_vad.onnx").toString(),
        ModelStore.defaultClient());
  }

  @Test
  void anExplicitPathWins() throws Exception {
    try (VadModelStore store = store(SileroTestModel.path(), true)) {
      assertThat(store.get().file()).isEqualTo(SileroTestModel.path());
      assertThat(store.get()).isSameAs(store.get());
      assertThat(mirror.getRequestCount()).isZero();
    }
  }

  @Test
  void aMissingModelIsDownloadedOnceIntoTheModelsDirectory() throws Exception {
    byte[] model = Files.readAllBytes(SileroTestModel.path());
    mirror.enqueue(new MockResponse.Builder().body(new Buffer().write(model)).build());
    try (VadModelStore store = store(null, true)) {
      store.get();
      store.get();
      assertThat(models.resolve(VadModelStore.FILE_NAME)).hasBinaryContent(model);
      assertThat(mirror.getRequestCount()).isEqualTo(1);
    }
    try (Stream<Path> files = Files.list(models)) {
      assertThat(files).containsExactly(models.resolve(VadModelStore.FILE_NAME));
    }
  }

  @Test
  void mirrorFailuresSayWhetherTheyMayPass() {
    mirror.enqueue(new MockResponse.Builder().code(404).build());
    mirror.enqueue(new MockResponse.Builder().code(503).build());
    try (VadModelStore store = store(null, true)) {
      ModelUnavailableException notFound =
          catchThrowableOfType(ModelUnavailableException.class, store::get);
      assertThat(notFound.isTransient()).isFalse();
      assertThat(notFound)
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("STT_VAD_MODEL_URL");
      ModelUnavailableException unavailable =
          catchThrowableOfType(ModelUnavailableException.class, store::get);
      assertThat(unavailable.isTransient()).isTrue();
    }
    assertThat(models.resolve(VadModelStore.FILE_NAME)).doesNotExist();
  }

  @Test
  void aFileThatIsNoModelIsRefusedNamingIt() throws Exception {
    Path bogus = Files.writeString(models.resolve("bogus.onnx"), "not a model");
    try (VadModelStore store = store(bogus, true)) {
      assertThat(catchThrowableOfType(ModelUnavailableException.class, store::get))
          .hasMessageContaining(bogus.toString())
          .hasMessageContaining("Cannot load the VAD model");
    }
  }

  @Test
  void downloadsOffOrAMissingExplicitPathFailNamingTheSettings() {
    try (VadModelStore store = store(null, false)) {
      assertThat(catchThrowableOfType(ModelUnavailableException.class, store::get))
          .hasMessageContaining("STT_MODEL_DOWNLOAD=false")
          .hasMessageContaining(models.resolve(VadModelStore.FILE_NAME).toString());
    }
    try (VadModelStore store = store(models.resolve("nowhere.onnx"), true)) {
      assertThat(catchThrowableOfType(ModelUnavailableException.class, store::get))
          .hasMessageContaining("STT_VAD_MODEL_PATH names");
    }
  }

  @Test
  void settingsComeFromTheEnvironment() {
    VadModelStore store =
        VadModelStore.fromEnv(Map.of("STT_VAD_MODEL_PATH", " /m/vad.onnx "), models, true);
    assertThat(store.path()).isEqualTo(Path.of("/m/vad.onnx"));
    assertThat(VadModelStore.fromEnv(Map.of(), models, true).path())
        .isEqualTo(models.toAbsolutePath().resolve(VadModelStore.FILE_NAME));
  }
}
