package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which file a model name resolves to, and the status reported without a download: the explicit
 * path, normalized and invalid names, disabled downloads.
 */
class ModelResolutionTest extends AbstractModelStoreTest {

  @Test
  void disabledDownloadFailsWithoutNetworkAndStatusSaysSo() throws Exception {
    ModelStore store = store(false, Map.of());

    assertThatThrownBy(() -> store.resolve(null, null))
        .isInstanceOfSatisfying(
            ModelUnavailableException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessageContaining("put ggml-base.bin in " + models.toAbsolutePath())
        .hasMessageContaining("(get it from " + mirrorUrl() + "/ggml-base.bin)")
        .hasMessageContaining("downloads are disabled");
    ModelStatus status = store.status(null);
    assertThat(status.state()).isEqualTo(ModelStatus.State.MISSING);
    assertThat(status.usable()).isFalse();
    assertThat(status.path()).isEqualTo(models.resolve("ggml-base.bin"));
    assertThat(status.message()).contains("ggml-base.bin", models.toString(), mirrorUrl());
    assertThat(mirror.getRequestCount()).isZero();
  }

  @Test
  void statusOfADownloadableModelMakesNoRequest() {
    ModelStatus status = store(true, Map.of()).status("large-v3-turbo");

    assertThat(status.state()).isEqualTo(ModelStatus.State.DOWNLOADABLE);
    assertThat(status.usable()).isTrue();
    assertThat(status.url()).isEqualTo(mirrorUrl() + "/ggml-large-v3-turbo.bin");
    assertThat(mirror.getRequestCount()).isZero();
  }

  @Test
  void explicitPathWinsForTheDefaultModel() throws Exception {
    Files.createDirectories(models);
    Files.write(models.resolve("ggml-base.bin"), new byte[] {1});
    Files.write(models.resolve("ggml-tiny.bin"), new byte[] {2});
    Path explicit = Files.write(dir.resolve("my-model.bin"), new byte[] {3});
    ModelStore store =
        new ModelStore(new ModelStoreConfig(models, "base", explicit, true, mirrorUrl(), Map.of()));

    assertThat(store.resolve(null, null)).isEqualTo(explicit);
    assertThat(store.resolve("base", null)).isEqualTo(explicit);
    assertThat(store.resolve("ggml-tiny.bin", null)).isEqualTo(models.resolve("ggml-tiny.bin"));
    assertThat(store.status(null).path()).isEqualTo(explicit);
    assertThat(mirror.getRequestCount()).isZero();
  }

  @Test
  void missingExplicitPathFallsBackAndIsNamedInTheMessage() {
    Path explicit = dir.resolve("missing.bin");
    ModelStore store =
        new ModelStore(
            new ModelStoreConfig(models, "base", explicit, false, mirrorUrl(), Map.of()));

    assertThatThrownBy(() -> store.resolve(null, null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("fix STT_MODEL_PATH (" + explicit + " does not exist)");
  }

  @Test
  void invalidNamesAreRejectedWithoutTouchingTheDisk() {
    ModelStore store = store(true, Map.of());

    assertThatThrownBy(() -> store.resolve("../../etc/passwd", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("invalid model name");
    assertThat(store.status("a/b").state()).isEqualTo(ModelStatus.State.MISSING);
    assertThat(mirror.getRequestCount()).isZero();
  }

  @Test
  void namesAreNormalized() {
    assertThat(ModelCatalog.normalize(" ggml-base.en.bin ")).isEqualTo("base.en");
    assertThat(ModelCatalog.normalize("turbo")).isEqualTo("large-v3-turbo");
    assertThat(ModelCatalog.normalize("large")).isEqualTo("large-v3");
    assertThat(ModelCatalog.normalize("small-q8_0")).isEqualTo("small-q8_0");
    assertThat(ModelCatalog.isKnown("large-v3-turbo-q8_0")).isTrue();
  }
}
