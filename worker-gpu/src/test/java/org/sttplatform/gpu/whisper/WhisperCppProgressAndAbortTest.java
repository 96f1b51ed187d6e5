package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The callbacks of a whisper.cpp run: progress up to 100, and an abort that stops it quickly. */
class WhisperCppProgressAndAbortTest extends AbstractWhisperCppRecognizerTest {

  @Test
  void progressIncreasesUpTo100() {
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    recognizer.recognize(speech, settings("en", false), seen::add, () -> false);
    assertThat(seen).isNotEmpty().isSorted().doesNotHaveDuplicates();
    assertThat(seen.get(seen.size() - 1)).isEqualTo(100);
  }

  @Test
  void abortStopsQuicklyWithCancellation() {
    AtomicInteger polls = new AtomicInteger();
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () ->
                recognizer.recognize(
                    speech, settings("en", false), null, () -> polls.incrementAndGet() > 3))
        .isInstanceOf(CancellationException.class);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
    assertThat(polls.get()).isGreaterThan(3);
    // the state is still usable afterwards
    assertStructure(recognizer.recognize(speech, settings("en", false), null, null));
  }

  @Test
  void abortBeforeStartThrowsAtOnce() {
    assertThatThrownBy(() -> recognizer.recognize(speech, settings("en", false), null, () -> true))
        .isInstanceOf(CancellationException.class);
  }
}
