package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Uploads longer than {@code STT_MAX_AUDIO_SECONDS} (default 6 h) are refused at create. */
class AudioDurationLimitTest extends WebTestBase {

  private Reply upload(String seconds) {
    byte[] media = ("SECONDS=" + seconds + ";").getBytes(StandardCharsets.US_ASCII);
    return postMultipart("/api/whisper/tasks/create", Map.of(), "long.wav", media);
  }

  @Test
  void anUploadOverTheDurationLimitIs413NamingTheLimitAndTheSetting() {
    Reply r = upload("25200");
    assertError(r, 413, "7 h 00 min long (25200 s)");
    String message = r.detail().get("message").asString();
    assertThat(message)
        .contains("limit of 6 h 00 min (21600 s)")
        .contains("set by STT_MAX_AUDIO_SECONDS")
        .doesNotContain("stt.upload");
    assertThat(inspector.inspected).hasSize(1);
    assertThat(inspector.inspected.get(0)).doesNotExist(); // the upload is deleted
    assertThat(uploadDirs()).isEmpty();
    assertThat(store.rows).isEmpty();
    assertThat(workflows.started).isEmpty();
  }

  @Test
  void anUploadOfExactlyTheLimitIsAccepted() {
    Reply r = upload("21600");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("file_duration").asDouble()).isEqualTo(21600.0);
  }
}
