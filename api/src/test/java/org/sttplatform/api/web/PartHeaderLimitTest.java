package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A multipart part whose headers exceed {@code server.tomcat.max-part-header-size} (2KB) is a bad
 * request naming that limit, not a 413 about the upload size.
 */
class PartHeaderLimitTest extends WebTestBase {

  @Test
  void aFileNameOverThePartHeaderLimitIs400() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            Map.of(),
            "a".repeat(3000) + ".wav",
            CreateTaskFixtures.AUDIO);

    assertError(r, 400, "part header");
    assertThat(r.detail().get("message").asString()).contains("2KB").doesNotContain("larger than");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void aLongButAllowedFileNameIsAccepted() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            Map.of(),
            "a".repeat(1500) + ".wav",
            CreateTaskFixtures.AUDIO);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }
}
