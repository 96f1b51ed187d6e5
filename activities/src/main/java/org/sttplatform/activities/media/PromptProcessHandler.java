package org.sttplatform.activities.media;

import com.github.kokorin.jaffree.JaffreeException;
import com.github.kokorin.jaffree.process.Executor;
import com.github.kokorin.jaffree.process.JaffreeAbnormalExitException;
import com.github.kokorin.jaffree.process.ProcessHandler;
import com.github.kokorin.jaffree.process.StdReader;
import com.github.kokorin.jaffree.process.Stopper;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jaffree's {@link ProcessHandler} without its fixed wait after the process exits.
 *
 * <p>Jaffree 2023.09.10's {@code ProcessHandler.waitForExecutorToStop} sleeps 100 ms before it
 * first checks whether the stdout/stderr reader threads (which parse ffprobe's JSON and ffmpeg's
 * log) are done, and no setting removes that first sleep ({@code executorTimeoutMillis} only caps
 * the total). By the time {@code Process.waitFor()} returns the pipes are at end-of-file, so the
 * readers finish within microseconds: this handler checks at once and then every 0.2 ms, keeping
 * the same cap. Everything else (threads, readers, helpers, stopper, exceptions) is Jaffree's own
 * code and behaviour; {@link #interactWithProcess} mirrors the original apart from the wait.
 * Written as a contribution would be: a drop-in subclass, used by {@link PromptFFmpeg} and {@link
 * PromptFFprobe}.
 *
 * @param <T> the result the readers produce
 */
final class PromptProcessHandler<T> extends ProcessHandler<T> {

  private static final Logger log = LoggerFactory.getLogger(ProcessHandler.class);

  /** Jaffree's default cap on waiting for the reader threads after the process exited. */
  static final int DEFAULT_EXECUTOR_TIMEOUT_MILLIS = 10_000;

  private static final long CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private volatile StdReader<T> stdErrReader;
  private volatile Stopper stopper;
  private volatile int executorTimeoutMillis = DEFAULT_EXECUTOR_TIMEOUT_MILLIS;
  private volatile Process started;

  PromptProcessHandler(Path executable, String contextName) {
    super(executable, contextName);
  }

  @Override
  public synchronized ProcessHandler<T> setStdErrReader(StdReader<T> reader) {
    this.stdErrReader = reader;
    return super.setStdErrReader(reader);
  }

  /**
   * {@link #execute} interacts with {@code process} (a {@link WarmFfmpeg} one) instead of starting
   * one.
   */
  void runStarted(Process process) {
    this.started = process;
  }

  /**
   * Jaffree's {@code execute} (stopper, interaction, clean-up of the process's streams), for a
   * process started before: see {@link #runStarted}. Such a process has no helper threads: its
   * progress is read by {@link WarmFfmpeg.Slot#start}.
   */
  @Override
  public synchronized T execute() {
    Process process = started;
    if (process == null) {
      return super.execute();
    }
    Stopper s = stopper;
    if (s != null) {
      s.setProcess(process);
    }
    try {
      return interactWithProcess(process);
    } finally {
      process.destroy();
      closeQuietly(process.getInputStream());
      closeQuietly(process.getOutputStream());
      closeQuietly(process.getErrorStream());
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (java.io.IOException ignored) {
      // as Jaffree: closing is best effort
    }
  }

  @Override
  public synchronized ProcessHandler<T> setStopper(Stopper stopper) {
    this.stopper = stopper;
    return super.setStopper(stopper);
  }

  @Override
  public void setExecutorTimeoutMillis(int millis) {
    super.setExecutorTimeoutMillis(millis);
    this.executorTimeoutMillis = millis;
  }

  @Override
  protected T interactWithProcess(Process process) {
    AtomicReference<T> resultRef = new AtomicReference<>();
    Executor executor = startExecution(process, resultRef);
    int status;
    try {
      log.info("Waiting for process to finish");
      status = process.waitFor();
      log.info("Process has finished with status: {}", status);
      awaitReaders(executor, executorTimeoutMillis);
    } catch (InterruptedException e) {
      log.warn("Process has been interrupted");
      Stopper s = stopper;
      if (s != null) {
        s.forceStop();
      }
      throw new JaffreeException("Failed to execute, was interrupted", e, executor.getExceptions());
    } finally {
      executor.stop();
    }
    List<Throwable> exceptions = executor.getExceptions();
    if (exceptions != null && !exceptions.isEmpty()) {
      throw new JaffreeException(
          "Failed to execute, exception appeared in one of helper threads", exceptions);
    }
    if (status != 0) {
      throw new JaffreeAbnormalExitException(
          "Process execution has ended with non-zero status: "
              + status
              + ". Check logs for detailed error message.",
          stdErrReader.getErrorLogMessages());
    }
    T result = resultRef.get();
    if (result == null) {
      throw new JaffreeException("Process execution has ended with null result");
    }
    return result;
  }

  /**
   * Waits until the executor's threads have ended, checking at once and then every {@link
   * #CHECK_NANOS}; gives up after {@code timeoutMillis} (0 or less: no limit), as Jaffree does.
   *
   * <p>Thread liveness, not {@link Executor#isRunning()}: that counter is raised only once a thread
   * has begun to run, so it can read zero before a reader started (Jaffree's sleep hides this). A
   * reader that fails interrupts this thread before it ends, so the interrupt is seen here, as it
   * is in Jaffree's sleep, and ends in the same "was interrupted" failure.
   */
  private static void awaitReaders(Executor executor, long timeoutMillis)
      throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      boolean ended = executor.getRunningThreadNames().isEmpty();
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (ended) {
        return;
      }
      if (timeoutMillis > 0 && System.nanoTime() - start > timeoutMillis * 1_000_000L) {
        log.warn("Executor hasn't stopped in {} millis, won't wait longer", timeoutMillis);
        return;
      }
      LockSupport.parkNanos(CHECK_NANOS);
    }
  }
}
