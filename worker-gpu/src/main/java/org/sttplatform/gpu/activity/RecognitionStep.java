package org.sttplatform.gpu.activity;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.model.ModelUnavailableException;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.vad.SpeechTimeline;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.SpeechRecognizer;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.Transcript;

/**
 * The engine step of a transcription attempt: the model leased from the pool (heartbeating while it
 * downloads or loads), the decode, and what goes wrong on the way as the activity's failure.
 * Without speech to decode the engine does not run.
 */
final class RecognitionStep {

  // the activity's logger, so that the messages keep the category they have always had
  private static final Logger log = LoggerFactory.getLogger(TranscriptionActivitiesImpl.class);

  private RecognitionStep() {}

  /**
   * What the step produced.
   *
   * @param transcript the engine's transcript, its times on the timeline of the decoded audio
   * @param model the canonical name of the model
   * @param engineSeconds how long the engine ran; 0 if it did not
   */
  record Outcome(Transcript transcript, String model, double engineSeconds) {}

  /**
   * Decodes {@code decoded} with the task's model.
   *
   * @param decoded the audio to decode (the task's, or the speech VAD found in it)
   * @param settings the engine's settings; {@code null} if there is no speech to decode
   * @param speech the speech {@code decoded} is made of, or {@code null} without VAD
   * @param audioSeconds the length of the task's audio
   * @param liveSegments the task's live segment file, or {@code null} for none
   */
  static Outcome run(
      RecognizerPool pool,
      TranscribeInput input,
      AudioSource decoded,
      RecognitionSettings settings,
      SpeechTimeline speech,
      double audioSeconds,
      Heartbeats heartbeats,
      Path liveSegments) {
    if (settings == null) {
      // No speech: the engine does not run, so skipped audio cannot produce text.
      String model = canonicalModel(pool, input);
      Transcript transcript = new Transcript("", null, 0, audioSeconds, null, model, 0, List.of());
      return new Outcome(transcript, model, 0);
    }
    // While a model downloads, the listener heartbeats on this thread and throws Temporal's
    // ActivityCompletionException once the activity is cancelled, ending the wait (the download
    // goes on for other and later tasks) and the activity.
    try (RecognizerPool.Lease lease =
        pool.acquire(
            input.model(),
            (name, read, total) -> {
              heartbeats.keepAlive();
              heartbeats.throwIfStopRequested();
            })) {
      heartbeats.keepAlive();
      heartbeats.throwIfStopRequested();
      SpeechRecognizer recognizer = lease.recognizer();
      String model = pool.store().canonical(input.model());
      log.info(
          "Task {}: transcribing {} s of audio with model '{}' ({})",
          input.taskId(),
          String.format(Locale.ROOT, "%.1f", audioSeconds),
          model,
          input.translate() ? "translate" : "transcribe");
      long started = System.nanoTime();
      Transcript transcript;
      try (LiveSegmentFile live =
          liveSegments == null ? null : LiveSegmentFile.open(liveSegments, speech)) {
        transcript =
            recognizer.recognize(
                decoded, settings, heartbeats::progress, heartbeats::pollStopRequested, live);
      } catch (CancellationException e) {
        heartbeats.throwIfStopRequested();
        throw ApplicationFailure.newFailureWithCause(
            "the speech engine stopped without being asked to", Failures.ENGINE_ABORTED, e);
      } catch (UncheckedIOException e) {
        throw Activity.wrap(e.getCause());
      } catch (IllegalArgumentException e) {
        // Bad options (e.g. a language code the model does not know): the same on every try.
        log.warn(
            "Task {}: the speech engine rejected the request: {}", input.taskId(), e.getMessage());
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            "Invalid transcription options: " + e.getMessage(), Failures.INVALID_OPTIONS, e);
      }
      double engineSeconds = (System.nanoTime() - started) / 1e9;
      return new Outcome(transcript, model, engineSeconds);
    } catch (ModelUnavailableException e) {
      throw ModelFailures.unavailable(input.taskId(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }

  private static String canonicalModel(RecognizerPool pool, TranscribeInput input) {
    try {
      return pool.store().canonical(input.model());
    } catch (ModelUnavailableException e) {
      throw ModelFailures.unavailable(input.taskId(), e); // a name, never transient
    }
  }
}
