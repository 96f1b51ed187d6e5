package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.Transcript;

/** Concurrent calls on one loaded model: two at once, and callers beyond the pool size waiting. */
class WhisperCppConcurrencyTest extends AbstractWhisperCppRecognizerTest {

  @Test
  void twoConcurrentCallsOnOneModelBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      RecognitionSettings s = settings("en", false);
      Future<Transcript> a = pool.submit(() -> recognizer.recognize(speech, s, null, null));
      Future<Transcript> b = pool.submit(() -> recognizer.recognize(speech, s, null, null));
      Transcript ta = a.get(60, TimeUnit.SECONDS);
      Transcript tb = b.get(60, TimeUnit.SECONDS);
      assertStructure(ta);
      assertStructure(tb);
      assertThat(ta.segments()).isEqualTo(tb.segments()); // same input, deterministic decode
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void callersBeyondThePoolSizeWaitForAState() throws Exception {
    try (WhisperCppRecognizer single =
        WhisperCppRecognizer.load(model, WhisperOptions.defaults().withThreads(THREADS))) {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<Transcript>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          results.add(
              pool.submit(() -> single.recognize(speech, settings("en", false), null, null)));
        }
        for (Future<Transcript> f : results) {
          assertStructure(f.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
