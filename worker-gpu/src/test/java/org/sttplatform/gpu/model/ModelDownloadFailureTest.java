package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sttplatform.gpu.model.DownloadFixtures.randomBytes;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Downloads that fail: which failures are transient (5xx, 429, 408, timeouts, a cut connection) and
 * which are not, and what the message names.
 */
class ModelDownloadFailureTest extends AbstractModelStoreTest {

  @Test
  void notFoundNamesTheFileTheDirectoryAndTheUrl() throws Exception {
    mirror.enqueue(new MockResponse.Builder().code(404).build());
    ModelStore store = store(true, Map.of());

    assertThatThrownBy(() -> store.resolve("base", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessage(
            "Model 'base' is not available: put ggml-base.bin in "
                + models.toAbsolutePath()
                + " (STT_MODELS_DIR) (get it from "
                + mirrorUrl()
                + "/ggml-base.bin) or set STT_MODEL_PATH; download failed: HTTP 404 from "
                + mirrorUrl()
                + "/ggml-base.bin");
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void serverErrorsThrottlingAndTimeoutsAreTransientNotFoundIsNot() throws Exception {
    ModelStore store = store(true, Map.of());
    // (OkHttp itself retries a 408 once, so it is checked without the server below)
    assertThat(ModelDownload.isTransientStatus(408)).isTrue();
    for (int code : new int[] {500, 502, 503, 504, 429}) {
      mirror.enqueue(new MockResponse.Builder().code(code).build());
      assertThatThrownBy(() -> store.resolve("base", null))
          .isInstanceOfSatisfying(
              ModelUnavailableException.class, e -> assertThat(e.isTransient()).isTrue())
          .hasMessageContaining("HTTP " + code);
    }
    for (int code : new int[] {400, 401, 403, 404, 410}) {
      mirror.enqueue(new MockResponse.Builder().code(code).build());
      assertThatThrownBy(() -> store.resolve("base", null))
          .isInstanceOfSatisfying(
              ModelUnavailableException.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageContaining("HTTP " + code);
    }
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void aStalledOrCutDownloadIsTransient() throws Exception {
    byte[] content = randomBytes(64 * 1024);
    mirror.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(content))
            .throttleBody(1024, 1, TimeUnit.SECONDS)
            .build());
    ModelStore stalled =
        new ModelStore(
            new ModelStoreConfig(models, "base", null, true, mirrorUrl(), Map.of()),
            ModelStore.defaultClient().newBuilder().readTimeout(Duration.ofMillis(200)).build());

    assertThatThrownBy(() -> stalled.resolve("base", null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isTrue())
        // okhttp's own timeout says "timeout", the socket's "Read timed out": the type is the same.
        .hasCauseInstanceOf(java.net.SocketTimeoutException.class);

    mirror.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(content))
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());
    assertThatThrownBy(() -> store(true, Map.of()).resolve("base", null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isTrue());
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void connectionRefusedNamesTheCause() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/m";
    ModelStore store =
        new ModelStore(new ModelStoreConfig(models, "base", null, true, url, Map.of()));

    assertThatThrownBy(() -> store.resolve("small", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageStartingWith(
            "Model 'small' is not available: put ggml-small.bin in "
                + models.toAbsolutePath()
                + " (STT_MODELS_DIR) (get it from "
                + url
                + "/ggml-small.bin); download failed: ConnectException");
    assertThat(filesIn(models)).isEmpty();
  }
}
