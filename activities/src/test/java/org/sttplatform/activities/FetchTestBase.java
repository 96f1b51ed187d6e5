package org.sttplatform.activities;

import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.workflows.activity.MediaActivities;

/**
 * The set-up the tests of the {@code fetch} activity share: a MockWebServer per test, and {@link
 * MediaActivitiesImpl} in a test activity environment that records the heartbeats, on settings that
 * reach the server on 127.0.0.1.
 */
abstract class FetchTestBase {

  static final long TASK = 7;

  @TempDir Path dataDir;

  MockWebServer server;
  TestActivityEnvironment env;
  MediaActivities activities;
  final List<Long> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    start(local().withHeartbeatInterval(Duration.ofMillis(100)));
  }

  /** Settings that let the fetcher reach the MockWebServer on 127.0.0.1. */
  CpuWorkerSettings local() {
    return CpuWorkerSettings.defaults(dataDir).withAllowPrivateNetworks(true);
  }

  void start(CpuWorkerSettings settings) {
    if (env != null) {
      env.close();
    }
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new MediaActivitiesImpl(settings));
    env.setActivityHeartbeatListener(Long.class, heartbeats::add);
    activities = ActivityTestSupport.stub(env);
  }

  @AfterEach
  void tearDown() {
    env.close();
    server.close();
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  Path workDir() {
    return dataDir.resolve("work").resolve(Long.toString(TASK));
  }
}
