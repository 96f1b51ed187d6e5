package org.sttplatform.gpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The mirror's address: the default mirror, a login sent as basic auth, and logins and queries
 * masked wherever a URL is shown.
 */
class ModelMirrorTest extends AbstractModelStoreTest {

  @Test
  void mirrorLoginIsSentAsBasicAuthAndNeverShown() throws Exception {
    mirror.enqueue(new MockResponse.Builder().code(404).build());
    String withLogin = mirrorUrl().replace("http://", "http://reader:s3cret@");
    ModelStore store =
        new ModelStore(new ModelStoreConfig(models, "base", null, true, withLogin, Map.of()));

    assertThat(store.status("base").message()).doesNotContain("s3cret").contains("***@");
    assertThatThrownBy(() -> store.resolve("base", null))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("HTTP 404")
        .message()
        .doesNotContain("s3cret")
        .doesNotContain("reader");
    RecordedRequest request = mirror.takeRequest();
    assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("reader", "s3cret"));
    assertThat(request.getUrl().encodedPath()).isEqualTo("/whisper/ggml-base.bin");
  }

  @Test
  void shownUrlsMaskLoginsAndQueries() {
    assertThat(ModelStore.shown("https://u:p@mirror.example/m?token=abc"))
        .isEqualTo("https://***@mirror.example/m?***");
    assertThat(ModelStore.shown("https://mirror.example/m")).isEqualTo("https://mirror.example/m");
    assertThat(ModelStore.shown("not a url//u:p@x?y")).doesNotContain("u:p", "?y");
  }

  @Test
  void defaultMirrorIsHuggingFace() {
    ModelStore store =
        new ModelStore(new ModelStoreConfig(models, "base", null, true, null, Map.of()));

    assertThat(store.downloadUrl("base.en"))
        .isEqualTo("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin");
    assertThat(store.expectedSha1("large-v3-turbo-q5_0"))
        .contains("e050f7970618a659205450ad97eb95a18d69c9ee");
  }
}
