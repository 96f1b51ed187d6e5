package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The last step of stopping the worker: no ffmpeg/ffprobe may outlive it. */
class CpuWorkerShutdownTest {

  @Test
  void destroysChildProcessesIncludingOnesThatIgnoreSigterm() throws Exception {
    Process plain = new ProcessBuilder("sleep", "60").start();
    Process stubborn =
        new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done")
            .start();
    // sh says so once its trap is installed.
    assertThat(stubborn.inputReader().readLine()).isEqualTo("ready");

    int killed = CpuWorker.destroyDescendants(Duration.ofSeconds(1));

    assertThat(killed).isGreaterThanOrEqualTo(2);
    assertThat(plain.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(stubborn.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(stubborn.exitValue()).isEqualTo(128 + 9);
  }
}
