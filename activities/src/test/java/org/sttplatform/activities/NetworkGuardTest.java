package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.MediaRef;

/** The SSRF guard of downloads, against real servers and real sockets. */
class NetworkGuardTest {

  private static final long TASK = 9;

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

  private MediaActivities activities(boolean allowPrivate) {
    return activities(
        new MediaActivitiesImpl(
            CpuWorkerSettings.defaults(dataDir).withAllowPrivateNetworks(allowPrivate)));
  }

  private String local(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private static void assertRefused(ApplicationFailure failure, String host) {
    assertThat(failure.getType()).isEqualTo(Failures.BAD_URL);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("private or local network address (" + host + ")")
        .contains("STT_FETCH_ALLOW_PRIVATE_NETWORKS=true");
  }

  private static InetAddress ip(String literal) {
    InetAddress address = NetworkGuard.literal(literal);
    assertThat(address).as(literal).isNotNull();
    return address;
  }

  @Test
  void classifiesAddresses() {
    for (String blocked :
        List.of(
            "0.0.0.0",
            "0.1.2.3",
            "127.0.0.1",
            "127.255.255.254",
            "10.0.0.1",
            "10.255.255.255",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "169.254.0.1",
            "100.64.0.1",
            "100.127.255.255",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "[::1]",
            "fe80::1",
            "fec0::1",
            "fc00::1",
            "fd00:ec2::254",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1")) {
      assertThat(NetworkGuard.isBlocked(ip(blocked))).as(blocked).isTrue();
      assertThat(NetworkGuard.isBlockedLiteral(blocked)).as(blocked).isTrue();
    }
    for (String allowed :
        List.of(
            "8.8.8.8",
            "1.1.1.1",
            "172.32.0.1",
            "172.15.255.255",
            "100.63.255.255",
            "100.128.0.1",
            "169.253.1.1",
            "192.169.0.1",
            "11.0.0.1",
            "223.255.255.255",
            "2001:4860::8888",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1")) {
      assertThat(NetworkGuard.isBlocked(ip(allowed))).as(allowed).isFalse();
      assertThat(NetworkGuard.isBlockedLiteral(allowed)).as(allowed).isFalse();
    }
  }

  @Test
  void parsesOnlyLiteralsWithoutLookups() {
    assertThat(NetworkGuard.literal("media.example.com")).isNull();
    assertThat(NetworkGuard.literal("localhost")).isNull();
    assertThat(NetworkGuard.literal("256.1.1.1")).isNull();
    assertThat(NetworkGuard.literal("1.2.3.4.5")).isNull();
    assertThat(NetworkGuard.literal("[not:an:ipv6::address:::]")).isNull();
    assertThat(NetworkGuard.literal("[::1]").isLoopbackAddress()).isTrue();
    assertThat(NetworkGuard.isBlockedLiteral("example.com")).isFalse();
  }

  @Test
  void refusesALoopbackServerByDefaultWithoutConnecting() {
    ApplicationFailure failure =
        failureOf(() -> activities(false).fetch(TASK, local("/media.mp3?sig=secret")));

    assertRefused(failure, "127.0.0.1");
    assertThat(failure.getOriginalMessage()).doesNotContain("secret").doesNotContain("media.mp3");
    assertThat(server.getRequestCount()).isZero();
    assertThat(dataDir.resolve("work")).doesNotExist();
  }

  @Test
  void fetchesFromALoopbackServerWhenAllowed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("RIFF....WAVE").build());

    MediaRef ref = activities(true).fetch(TASK, local("/a.wav"));

    assertThat(ref.sizeBytes()).isEqualTo(12);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void refusesIpv6LoopbackAndIpv4MappedLiterals() {
    MediaActivities activities = activities(false);
    for (String url :
        List.of(
            "http://[::1]:" + server.getPort() + "/a.mp3",
            "http://[::ffff:127.0.0.1]:" + server.getPort() + "/a.mp3",
            "http://[::ffff:7f00:1]:" + server.getPort() + "/a.mp3",
            "http://169.254.169.254/latest/meta-data/",
            "http://0.0.0.0:" + server.getPort() + "/a.mp3")) {
      ApplicationFailure failure = failureOf(() -> activities.fetch(TASK, url));
      assertThat(failure.getType()).as(url).isEqualTo(Failures.BAD_URL);
      assertThat(failure.isNonRetryable()).as(url).isTrue();
      assertThat(failure.getOriginalMessage()).as(url).contains("private or local network");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesHostNamesThatResolveToBlockedAddresses() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress publicAddress = InetAddress.getByName("8.8.8.8");
    // A public-looking name pointing at the local server; and one mixing a public address in.
    Dns dns =
        host ->
            switch (host) {
              case "media.example.com" -> List.of(loopback);
              case "mixed.example.com" -> List.of(publicAddress, loopback);
              default -> Dns.SYSTEM.lookup(host);
            };
    OkHttpClient client = new OkHttpClient.Builder().dns(dns).build();
    MediaActivities activities =
        activities(new MediaActivitiesImpl(CpuWorkerSettings.defaults(dataDir), client));

    for (String host : List.of("media.example.com", "mixed.example.com", "localhost")) {
      ApplicationFailure failure =
          failureOf(
              () -> activities.fetch(TASK, "http://" + host + ":" + server.getPort() + "/a.mp3"));
      assertRefused(failure, host);
      assertThat(failure.getOriginalMessage()).as(host).doesNotContain("127.0.0.1");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  /**
   * The first server is allowed (the only exception to the real classification); its redirects to
   * IP literals, which okhttp connects to without asking the Dns, are refused at the hop.
   */
  @Test
  void refusesRedirectsToBlockedLiterals() throws Exception {
    InetAddress first = InetAddress.getByName("127.0.0.1");
    Predicate<InetAddress> allowFirst = a -> !a.equals(first) && NetworkGuard.isBlocked(a);
    try (MockWebServer internal = new MockWebServer()) {
      // Another loopback address: reachable, but blocked.
      internal.start(InetAddress.getByName("127.0.0.2"), 0);
      int port = internal.getPort();
      MediaActivities guarded =
          activities(
              new MediaActivitiesImpl(
                  CpuWorkerSettings.defaults(dataDir), new OkHttpClient(), allowFirst));

      for (String target :
          List.of(
              "http://127.0.0.2:" + port + "/admin",
              "http://[::1]:" + port + "/admin",
              "http://[::ffff:127.0.0.2]:" + port + "/admin",
              "http://169.254.169.254/latest/meta-data/iam/")) {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", target).build());
        ApplicationFailure failure = failureOf(() -> guarded.fetch(TASK, local("/short")));
        assertThat(failure.getType()).as(target).isEqualTo(Failures.BAD_URL);
        assertThat(failure.isNonRetryable()).as(target).isTrue();
        assertThat(failure.getOriginalMessage())
            .as(target)
            .startsWith("The media URL redirects to a private or local network address")
            .doesNotContain("admin")
            .doesNotContain("meta-data");
      }
      assertThat(server.getRequestCount()).isEqualTo(4);
      assertThat(internal.getRequestCount()).isZero();

      // The same redirect without the guard does reach the internal server.
      server.enqueue(
          new MockResponse.Builder()
              .code(302)
              .addHeader("Location", "http://127.0.0.2:" + port + "/admin")
              .build());
      internal.enqueue(new MockResponse.Builder().code(200).body("secret").build());
      MediaRef ref = activities(true).fetch(TASK, local("/short"));
      assertThat(ref.sizeBytes()).isEqualTo(6);
      assertThat(internal.getRequestCount()).isEqualTo(1);
    }
  }

  /**
   * A configured proxy would resolve and connect on the client's behalf, past both checks: the
   * guarded client ignores it and refuses the host itself.
   */
  @Test
  void theGuardedClientBypassesAConfiguredProxy() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.enqueue(new MockResponse.Builder().body("proxied").build());
      proxy.start(ip("127.0.0.1"), 0);
      OkHttpClient proxied =
          new OkHttpClient.Builder()
              .proxy(
                  new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.getPort())))
              .dns(host -> List.of(ip("127.0.0.2")))
              .build();
      // Only the media host's address is blocked here, so that the proxy itself is reachable.
      OkHttpClient guarded = NetworkGuard.guard(proxied, a -> a.equals(ip("127.0.0.2")));

      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  guarded
                      .newCall(
                          new okhttp3.Request.Builder()
                              .url("http://media.example.com/a.mp3")
                              .build())
                      .execute()
                      .close());

      assertThat(NetworkGuard.BlockedAddressException.in(thrown)).isNotNull();
      assertThat(proxy.getRequestCount()).isZero();
    }
  }

  @Test
  void dnsRefusesAnyBlockedAddress() {
    Dns dns =
        new NetworkGuard.GuardedDns(
            host -> List.of(ip("93.184.216.34"), ip("10.0.0.5")), NetworkGuard::isBlocked);
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> dns.lookup("rebind.example"));
    assertThat(thrown)
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("rebind.example")
        .hasMessageNotContaining("10.0.0.5");
  }

  @Test
  void settingIsReadFromTheEnvironment() {
    assertThat(CpuWorkerSettings.fromEnv(java.util.Map.of()).allowPrivateNetworks()).isFalse();
    assertThat(
            CpuWorkerSettings.fromEnv(java.util.Map.of("STT_FETCH_ALLOW_PRIVATE_NETWORKS", "true"))
                .allowPrivateNetworks())
        .isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                CpuWorkerSettings.fromEnv(
                    java.util.Map.of("STT_FETCH_ALLOW_PRIVATE_NETWORKS", "maybe")))
        .hasMessageContaining("STT_FETCH_ALLOW_PRIVATE_NETWORKS");
  }
}
