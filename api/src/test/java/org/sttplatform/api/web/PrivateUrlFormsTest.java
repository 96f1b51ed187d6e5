package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An IP-literal {@code file_url} is checked at create in every form browsers, curl and the download
 * client read as an address, not only as a dotted quad: the same reading as the worker's guard.
 */
class PrivateUrlFormsTest extends WebTestBase {
  static final List<String> LOOPBACK_FORMS =
      List.of(
          "2130706433",
          "0",
          "0x7f.1",
          "0177.0.0.1",
          "127.1",
          "0x7f000001",
          "[::ffff:127.0.0.1]",
          "[::ffff:7f00:1]",
          "127.0.0.1.",
          "%31%32%37.0.0.1",
          "0xa9.0xfe.0xa9.0xfe",
          "10.1");

  @Test
  void everyFormOfAPrivateLiteralIs400() {
    for (String host : LOOPBACK_FORMS) {
      String url = "http://" + host + ":8080/a.mp3";
      Reply r = postEmpty("/api/whisper/tasks/create" + query(map("file_url", url)));
      assertError(r, 400, "private or local network address");
    }
    assertThat(store.rows).isEmpty();
    assertThat(workflows.started).isEmpty();
  }

  @Test
  void aCallbackUrlToAPrivateLiteralIs400() {
    for (String host : List.of("127.0.0.1", "0x7f.1", "[::1]", "169.254.169.254", "10.1")) {
      String callback = "http://" + host + ":9000/hook";
      Reply r =
          postEmpty(
              "/api/whisper/tasks/create"
                  + query(
                      map(
                          "file_url",
                          "https://media.example.com/a.mp3",
                          "callback_url",
                          callback)));
      assertError(r, 400, "The callback URL points to a private or local network address");
    }
    assertThat(store.rows).isEmpty();
    assertThat(workflows.started).isEmpty();
  }

  @Test
  void theMessageNamesTheAddressAFormStandsFor() {
    Reply r =
        postEmpty("/api/whisper/tasks/create" + query(map("file_url", "http://0x7f.1/a.mp3")));
    assertError(r, 400, "(0x7f.1 = 127.0.0.1)");
  }

  @Test
  void publicAddressesInOtherFormsAreLeftToTheWorker() {
    for (String url : List.of("http://134744072/a.mp3", "http://0x08.0x08.0x08.0x08/a.mp3")) {
      Reply r = postEmpty("/api/whisper/tasks/create" + query(map("file_url", url)));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
  }
}
