package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code STT_FETCH_ALLOW_PRIVATE_NETWORKS=true}, every form of a local literal is accepted.
 */
@TestPropertySource(properties = "stt.worker-env[STT_FETCH_ALLOW_PRIVATE_NETWORKS]=true")
class PrivateUrlsAllowedTest extends WebTestBase {

  @Test
  void everyFormIsAcceptedWhenAllowed() {
    for (String host : PrivateUrlFormsTest.LOOPBACK_FORMS) {
      String url = "http://" + host + ":8080/a.mp3";
      Reply r = postEmpty("/api/whisper/tasks/create" + query(map("file_url", url)));
      assertThat(r.status()).as(url + ": " + r.body()).isEqualTo(200);
      assertThat(r.data().get("file_url").asString()).isEqualTo(url);
    }
  }
}
