package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sttplatform.gpu.model.DownloadFixtures.modelBytes;
import static org.sttplatform.gpu.model.DownloadFixtures.randomBytes;
import static org.sttplatform.gpu.model.DownloadFixtures.sha1;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A model fetched from the mirror: progress, the checksum, the whisper.cpp header check, and the
 * move into place, which leaves nothing behind when a check fails.
 */
class ModelDownloadTest extends AbstractModelStoreTest {

  @Test
  void downloadsWithProgressVerifiesChecksumAndMovesIntoPlace() throws Exception {
    byte[] content = modelBytes(512 * 1024);
    mirror.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(content))
            .throttleBody(128 * 1024, 150, TimeUnit.MILLISECONDS)
            .build());
    ModelStore store = store(true, Map.of("custom", sha1(content)));
    List<long[]> progress = new CopyOnWriteArrayList<>();

    Path path =
        store.resolve("custom", (model, read, total) -> progress.add(new long[] {read, total}));

    assertThat(path).isEqualTo(models.resolve("ggml-custom.bin"));
    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(filesIn(models)).containsExactly(path);
    assertThat(mirror.takeRequest().getUrl().encodedPath()).isEqualTo("/whisper/ggml-custom.bin");
    assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
    assertThat(progress.get(progress.size() - 1)).containsExactly(content.length, content.length);
    assertThat(progress).extracting(p -> p[0]).isSorted();
    assertThat(store.status("custom").state()).isEqualTo(ModelStatus.State.PRESENT);

    // Present now: no second request.
    assertThat(store.resolve("custom", null)).isEqualTo(path);
    assertThat(mirror.getRequestCount()).isEqualTo(1);
  }

  @Test
  void checksumMismatchFailsAndLeavesNothingBehind() throws Exception {
    mirror.enqueue(file(randomBytes(10_000)));
    ModelStore store = store(true, Map.of());

    assertThatThrownBy(() -> store.resolve("tiny", null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining("bd577a113a864445d4c299885e0cb97d4ba92b5f")
        .hasMessageContaining("put ggml-tiny.bin in " + models.toAbsolutePath());
    assertThat(filesIn(models)).isEmpty();
  }

  @Test
  void unknownModelWithoutChecksumIsDownloadedUnverified() throws Exception {
    byte[] content = modelBytes(100_000);
    mirror.enqueue(file(content));

    Path path = store(true, Map.of()).resolve("my-finetune", null);

    assertThat(Files.readAllBytes(path)).isEqualTo(content);
  }

  @Test
  void aDownloadThatIsNotAModelIsNotMovedIntoPlace() throws Exception {
    StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body>");
    while (page.length() < 100_000) {
      page.append("<p>Sorry, we are down for maintenance.</p>");
    }
    mirror.enqueue(
        new MockResponse.Builder().body(page.append("</body></html>").toString()).build());
    mirror.enqueue(file(modelBytes(1000))); // a good header, but far too small for a model
    ModelStore store = store(true, Map.of());

    assertThatThrownBy(() -> store.resolve("my-finetune", null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessageContaining(
            "download failed: "
                + mirrorUrl()
                + "/ggml-my-finetune.bin did not send a whisper.cpp"
                + " model")
        .hasMessageContaining("bad magic");
    assertThat(filesIn(models)).isEmpty();

    assertThatThrownBy(() -> store.resolve("my-finetune", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("did not send a whisper.cpp model (only 1000 bytes)");
    assertThat(filesIn(models)).isEmpty();
    assertThat(store.status("my-finetune").state()).isEqualTo(ModelStatus.State.DOWNLOADABLE);
  }
}
