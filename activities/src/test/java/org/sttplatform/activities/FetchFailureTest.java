package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;

/**
 * How a download that fails is reported: permanent (a 404, a bad scheme or URL, a redirect loop, a
 * refused certificate or cleartext) or retryable (a 5xx, a 429, a connection error), without the
 * URL's query string.
 */
class FetchFailureTest extends FetchTestBase {

  @Test
  void notFoundIsPermanentBadUrlWithoutQueryString() {
    server.enqueue(new MockResponse.Builder().code(404).body("nope").build());

    ApplicationFailure failure =
        failureOf(
            () ->
                activities.fetch(
                    TASK, server.url("/private/clip.mp4?X-Amz-Signature=topsecret").toString()));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_URL);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("HTTP 404")
        .contains("/private/clip.mp4")
        .doesNotContain("topsecret")
        .doesNotContain("?");
  }

  @Test
  void serverErrorIsRetryable() {
    server.enqueue(new MockResponse.Builder().code(503).build());

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/a.mp3?k=v").toString()));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(Failures.FETCH_FAILED);
    assertThat(failure.getOriginalMessage()).contains("HTTP 503").doesNotContain("k=v");
  }

  @Test
  void tooManyRequestsIsRetryable() {
    server.enqueue(new MockResponse.Builder().code(429).build());

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/a.mp3").toString()));

    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void connectionErrorIsRetryable() throws Exception {
    String url = server.url("/a.mp3").toString();
    server.close();

    ApplicationFailure failure = failureOf(() -> activities.fetch(TASK, url));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(Failures.FETCH_FAILED);
  }

  @Test
  void rejectsNonHttpSchemesAndMalformedUrls() {
    for (String url :
        List.of(
            "ftp://example.com/a.mp3",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "not a url",
            "",
            "http://")) {
      ApplicationFailure failure = failureOf(() -> activities.fetch(TASK, url));
      assertThat(failure.getType()).as(url).isEqualTo(Failures.BAD_URL);
      assertThat(failure.isNonRetryable()).as(url).isTrue();
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aRedirectLoopIsAPermanentBadUrl() {
    for (int i = 0; i < 25; i++) {
      server.enqueue(
          new MockResponse.Builder().code(302).addHeader("Location", "/loop?sig=secret").build());
    }

    ApplicationFailure failure =
        failureOf(() -> activities.fetch(TASK, server.url("/loop?sig=secret").toString()));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_URL);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("Too many follow-up requests")
        .doesNotContain("secret");
  }

  @Test
  void certificateAndCleartextRefusalsArePermanent() {
    assertThat(HttpFetcher.permanent(new javax.net.ssl.SSLPeerUnverifiedException("host")))
        .isTrue();
    assertThat(
            HttpFetcher.permanent(
                new java.net.UnknownServiceException("CLEARTEXT communication not permitted")))
        .isTrue();
    assertThat(HttpFetcher.permanent(new java.net.SocketTimeoutException("timeout"))).isFalse();
    assertThat(HttpFetcher.permanent(new java.net.ProtocolException("unexpected end of stream")))
        .isFalse();
  }
}
