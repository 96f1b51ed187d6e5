package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code stt.public-url} set, output URLs use it instead of the request's host. */
@TestPropertySource(properties = "stt.public-url=https://stt.example.com/")
class PublicUrlTest extends WebTestBase {
  @Test
  void outputUrlUsesThePublicUrl() {
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create" + query(map("file_url", "https://cdn.example.com/a.mp4")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    long id = r.data().get("id").asLong();
    assertThat(r.data().get("output_url").asString())
        .isEqualTo("https://stt.example.com/api/whisper/tasks/result?task_id=" + id);
  }
}
