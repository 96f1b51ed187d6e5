package org.sttplatform.api.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker main class run as a separate JVM on the test classpath, its output captured to a file
 * for assertions and failure messages.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with {@code env} added to this process's environment. */
  static ChildJvm start(Class<?> mainClass, Map<String, String> env, Path log) throws IOException {
    return start(mainClass.getSimpleName(), mainClass, env, log);
  }

  /** Like {@link #start(Class, Map, Path)}, naming the process {@code name} in messages. */
  static ChildJvm start(String name, Class<?> mainClass, Map<String, String> env, Path log)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    // Startup time matters more than peak speed here; whisper.cpp is native.
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    mainClass.getName()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildJvm(name, builder.start(), log);
  }

  /** Waits until the output contains {@code text}; fails with the output if it does not in time. */
  ChildJvm awaitOutput(String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return this;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + " before logging '"
                + text
                + "':\n"
                + output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " did not log '" + text + "' in " + timeout + ":\n" + output());
  }

  String name() {
    return name;
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** The output, for failure messages; never throws. */
  String describe() {
    try {
      return name
          + " ("
          + (process.isAlive() ? "running" : "exit " + process.exitValue())
          + "):\n"
          + output();
    } catch (IOException e) {
      return name + ": " + e;
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /**
   * Whether {@code identity}, a Temporal worker identity, is this process's: the SDK's default
   * identity is {@code <pid>@<host>}.
   */
  boolean hasIdentity(String identity) {
    return identity.startsWith(pid() + "@");
  }

  /** Sends SIGKILL (a crash: no shutdown hook runs) without waiting for the exit. */
  void kill() {
    process.destroyForcibly();
  }

  /** Sends SIGTERM (a graceful stop: the shutdown hook runs) without waiting for the exit. */
  void terminate() {
    process.destroy();
  }

  /** SIGTERM (the workers' shutdown hooks stop them), then SIGKILL if that takes too long. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
