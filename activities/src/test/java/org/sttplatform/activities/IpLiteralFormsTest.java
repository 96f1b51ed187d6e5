package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.MediaRef;

/**
 * IPv4 literals in every form browsers and curl accept (one to four parts, decimal, octal or hex)
 * are read as those clients read them, by the check and by the connection alike. Java's own parser
 * reads {@code 0177.0.0.1} as 177.0.0.1 and refuses {@code 0x7f.1}; okhttp keeps such hosts as they
 * are and hands them to its {@code Dns}.
 */
class IpLiteralFormsTest {
  private static final long TASK = 11;

  @TempDir Path dataDir;
  private MockWebServer server;
  private TestActivityEnvironment env;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
    server.close();
  }

  private MediaActivities activities(MediaActivitiesImpl impl) {
    if (env != null) {
      env.close();
    }
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(impl);
    return ActivityTestSupport.stub(env);
  }

  @ParameterizedTest
  @CsvSource({
    "2130706433, 127.0.0.1",
    "0, 0.0.0.0",
    "0x7f.1, 127.0.0.1",
    "0X7F.0.0.1, 127.0.0.1",
    "0177.0.0.1, 127.0.0.1",
    "0177.1, 127.0.0.1",
    "127.1, 127.0.0.1",
    "127.0.1, 127.0.0.1",
    "0x7f000001, 127.0.0.1",
    "017700000001, 127.0.0.1",
    "127.000.000.001, 127.0.0.1",
    "127.0.0.1., 127.0.0.1",
    "10.1, 10.0.0.1",
    "0xa9.0xfe.0xa9.0xfe, 169.254.169.254",
    "[::ffff:127.0.0.1], 127.0.0.1",
    "1.2.3.4, 1.2.3.4",
    "0x08.0x08.0x08.0x08, 8.8.8.8",
  })
  void readsEveryIpv4Form(String host, String address) throws Exception {
    assertThat(NetworkGuard.literal(host)).as(host).isEqualTo(InetAddress.getByName(address));
  }

  @Test
  void leavesHostNamesAndInvalidNumbersAlone() {
    for (String host :
        List.of(
            "example.com",
            "4294967296",
            "0x100000000",
            "256.1.1.1",
            "1.2.3.4.5",
            "1.256.0.0",
            "08.1.1.1",
            "0xgg.1",
            "1..1",
            ".1",
            "1.2.3.4..",
            "1e3",
            "a1.example")) {
      assertThat(NetworkGuard.literal(host)).as(host).isNull();
    }
  }

  /** The fetch checks the host okhttp will use: its canonical form of the URL's host. */
  @Test
  void refusesEveryFormOfALoopbackLiteralWithoutConnecting() {
    MediaActivities guarded =
        activities(new MediaActivitiesImpl(CpuWorkerSettings.defaults(dataDir)));
    int port = server.getPort();
    for (String host :
        List.of(
            "2130706433",
            "0",
            "0x7f.1",
            "0177.0.0.1",
            "127.1",
            "0x7f000001",
            "[::ffff:127.0.0.1]",
            "127.0.0.1.",
            "%31%32%37.0.0.1",
            "１２７.0.0.1")) {
      String url = "http://" + host + ":" + port + "/a.wav";
      assertThat(HttpUrl.parse(url)).as(url).isNotNull();
      ApplicationFailure failure = failureOf(() -> guarded.fetch(TASK, url));
      assertThat(failure.getType()).as(url).isEqualTo(Failures.BAD_URL);
      assertThat(failure.isNonRetryable()).as(url).isTrue();
      assertThat(failure.getOriginalMessage()).as(url).contains("private or local network");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  /**
   * A redirect to such a form is refused at the hop: okhttp asks the guarded Dns about the hex
   * forms, reads the decimal ones itself (as browsers do), and the socket checks the address either
   * way. (okhttp reads a redirect to {@code 0177.0.0.2} as 177.0.0.2, a public address; only the
   * URL a task names is rewritten to the browsers' reading.)
   */
  @Test
  void refusesRedirectsToOtherForms() throws Exception {
    InetAddress first = InetAddress.getByName("127.0.0.1");
    Predicate<InetAddress> allowFirst = a -> !a.equals(first) && NetworkGuard.isBlocked(a);
    try (MockWebServer internal = new MockWebServer()) {
      internal.start(InetAddress.getByName("127.0.0.2"), 0);
      MediaActivities guarded =
          activities(
              new MediaActivitiesImpl(
                  CpuWorkerSettings.defaults(dataDir), new OkHttpClient(), allowFirst));
      for (String host : List.of("2130706434", "0x7f.0.0.2", "0x7f000002", "127.0.2")) {
        server.enqueue(
            new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "http://" + host + ":" + internal.getPort() + "/admin")
                .build());
        ApplicationFailure failure =
            failureOf(() -> guarded.fetch(TASK, "http://127.0.0.1:" + server.getPort() + "/a"));
        assertThat(failure.getOriginalMessage())
            .as(host)
            .startsWith("The media URL redirects to a private or local network address");
      }
      assertThat(internal.getRequestCount()).isZero();
    }
  }

  /**
   * With private networks allowed, okhttp connects where the check would have looked: {@code
   * 0177.0.0.1} and {@code 0x7f.1} reach the server on 127.0.0.1 (Java alone would try 177.0.0.1,
   * or fail to resolve).
   */
  @Test
  void connectsWhereTheCheckLooksWhenAllowed() {
    MediaActivities allowed =
        activities(
            new MediaActivitiesImpl(
                CpuWorkerSettings.defaults(dataDir).withAllowPrivateNetworks(true)));
    for (String host : List.of("0x7f.1", "0177.0.0.1", "2130706433", "127.1")) {
      server.enqueue(new MockResponse.Builder().code(200).body("RIFF....WAVE").build());
      MediaRef ref = allowed.fetch(TASK, "http://" + host + ":" + server.getPort() + "/a.wav");
      assertThat(ref.sizeBytes()).as(host).isEqualTo(12);
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
  }
}
