package org.sttplatform.gpu.model;

import static org.sttplatform.gpu.model.DownloadFixtures.SLICE;
import static org.sttplatform.gpu.model.DownloadFixtures.gatedClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link ModelStore} on a temporary models directory with a local mirror (okhttp MockWebServer)
 * started before and closed after each test, and the helpers its tests share.
 */
abstract class AbstractModelStoreTest {

  @TempDir Path dir;

  MockWebServer mirror;
  Path models;

  @BeforeEach
  void setUp() throws IOException {
    mirror = new MockWebServer();
    mirror.start();
    models = dir.resolve("models");
  }

  @AfterEach
  void tearDown() {
    mirror.close();
  }

  String mirrorUrl() {
    return mirror.url("/whisper").toString();
  }

  ModelStore store(boolean download, Map<String, String> checksums) {
    return new ModelStore(
        new ModelStoreConfig(models, "base", null, download, mirrorUrl(), checksums),
        ModelStore.defaultClient(),
        SLICE);
  }

  /**
   * A store whose downloads wait at {@code gate} after counting down {@code requested}, before the
   * request reaches the mirror: the test decides when a download may proceed.
   */
  ModelStore gatedStore(
      Map<String, String> checksums, CountDownLatch requested, CountDownLatch gate) {
    return new ModelStore(
        new ModelStoreConfig(models, "base", null, true, mirrorUrl(), checksums),
        gatedClient(requested, gate),
        SLICE);
  }

  static MockResponse file(byte[] bytes) {
    return new MockResponse.Builder().body(new Buffer().write(bytes)).build();
  }

  List<Path> filesIn(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
