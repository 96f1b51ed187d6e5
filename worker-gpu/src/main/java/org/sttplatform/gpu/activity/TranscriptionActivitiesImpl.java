package org.sttplatform.gpu.activity;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.model.ModelUnavailableException;
import org.sttplatform.gpu.model.RecognizerPool;
import org.sttplatform.gpu.model.VadModelStore;
import org.sttplatform.gpu.vad.SpeechTimeline;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.storage.FileStore;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.TranscriptionActivities;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * The transcription activity: reads the extracted WAV, runs the model and writes {@code
 * transcript.json} next to the audio.
 *
 * <p>Failures: audio that is not 16 kHz mono s16le WAV is non-retryable {@link Failures#BAD_MEDIA};
 * a model that cannot be found, downloaded or loaded is non-retryable {@link
 * Failures#MODEL_UNAVAILABLE} with the store's message, except a download that failed for a
 * transient reason (mirror 5xx/408/429, network timeout or reset), which is retryable {@link
 * Failures#MODEL_DOWNLOAD_FAILED}; options the engine rejects are non-retryable {@link
 * Failures#INVALID_OPTIONS}; a missing audio file is retryable (another worker may see the shared
 * data directory). A cancelled activity aborts the engine and ends with Temporal's cancellation.
 */
public final class TranscriptionActivitiesImpl implements TranscriptionActivities, AutoCloseable {

  /** The transcript's file name, next to the audio. */
  public static final String TRANSCRIPT_FILE = "transcript.json";

  private static final Logger log = LoggerFactory.getLogger(TranscriptionActivitiesImpl.class);

  private final FileStore files;
  private final RecognizerPool pool;
  private final VadModelStore vadModels;
  private final int threads;
  private final Duration keepAlive;
  private final ScheduledExecutorService scheduler;
  private final Set<Heartbeats> running = ConcurrentHashMap.newKeySet();
  private volatile RuntimeException handedBack;

  /**
   * @param files the file store the audio comes from and the transcript goes to
   * @param pool the loaded models
   * @param threads CPU threads per transcription
   */
  public TranscriptionActivitiesImpl(FileStore files, RecognizerPool pool, int threads) {
    this(files, pool, threads, ActivityDefaults.HEARTBEAT_THROTTLE);
  }

  /**
   * @param keepAlive how often to heartbeat while the engine is silent
   */
  public TranscriptionActivitiesImpl(
      FileStore files, RecognizerPool pool, int threads, Duration keepAlive) {
    this(
        files,
        pool,
        threads,
        keepAlive,
        VadModelStore.fromEnv(
            System.getenv(),
            pool.store().config().modelsDir(),
            pool.store().config().downloadEnabled()));
  }

  /**
   * @param vadModels the voice activity detection model, for tasks with {@code vad_filter}
   */
  public TranscriptionActivitiesImpl(
      FileStore files,
      RecognizerPool pool,
      int threads,
      Duration keepAlive,
      VadModelStore vadModels) {
    this.files = files;
    this.pool = pool;
    this.vadModels = vadModels;
    this.threads = threads;
    this.keepAlive = keepAlive;
    AtomicInteger n = new AtomicInteger();
    this.scheduler =
        Executors.newScheduledThreadPool(
            1,
            r -> {
              Thread t = new Thread(r, "transcription-heartbeat-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public TranscriptRef transcribe(TranscribeInput input) {
    return transcribe(input, TRANSCRIPT_FILE, null);
  }

  /**
   * As {@link #transcribe(TranscribeInput)}, writing the segments to {@code liveSegments} as they
   * are decoded ({@link LiveSegmentFile}; the file is started again by every attempt).
   *
   * @param liveSegments the task's live segment file, or {@code null} for none
   */
  public TranscriptRef transcribe(TranscribeInput input, Path liveSegments) {
    return transcribe(input, TRANSCRIPT_FILE, liveSegments);
  }

  /**
   * As {@link #transcribe(TranscribeInput, Path)}, the transcript written beside the audio as
   * {@code transcriptFile} (a part of a long file has its own, and no live segments: {@link
   * TranscribeSplitImpl}).
   */
  TranscriptRef transcribe(TranscribeInput input, String transcriptFile, Path liveSegments) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Path audio = AudioInput.localFile(files, input.audio());
    try (Heartbeats heartbeats =
        new Heartbeats(context, scheduler, keepAlive, Duration.ofSeconds(1))) {
      running.add(heartbeats);
      if (handedBack != null) {
        heartbeats.stop(handedBack);
      }
      try {
        return transcribe(input, heartbeats, audio, transcriptFile, liveSegments);
      } finally {
        running.remove(heartbeats);
      }
    }
  }

  private TranscriptRef transcribe(
      TranscribeInput input,
      Heartbeats heartbeats,
      Path audio,
      String transcriptFile,
      Path liveSegments) {
    heartbeats.throwIfStopRequested();
    // The audio is streamed window by window (never one array of the whole file).
    try (WavReader.Samples samples = AudioInput.open(audio)) {
      heartbeats.progress(0);
      double audioSeconds = samples.sampleCount() / (double) WavReader.SAMPLE_RATE;
      RecognitionSettings settings = settings(input, audioSeconds);
      Transcript.Vad vad = null;
      AudioSource decoded = samples;
      SpeechTimeline speech = null;
      if (input.options() != null && input.options().vadFilter()) {
        VadStep.Outcome found = detectSpeech(input, samples, settings, heartbeats);
        settings = found.settings();
        vad = found.vad();
        speech = found.timeline();
        decoded = speech == null ? null : speech.source(samples);
      }

      RecognitionStep.Outcome engine =
          RecognitionStep.run(
              pool, input, decoded, settings, speech, audioSeconds, heartbeats, liveSegments);
      heartbeats.throwIfStopRequested();
      Transcript transcript = engine.transcript();
      String model = engine.model();
      double engineSeconds = engine.engineSeconds();

      if (speech != null) {
        transcript = speech.toOriginal(transcript, audioSeconds);
      }
      Transcript result = complete(transcript, model, audioSeconds, engineSeconds, vad);
      Path file = audio.resolveSibling(transcriptFile);
      TranscriptFile.write(result, file);
      heartbeats.progress(100);
      log.info(
          "Task {}: {} segment(s), language {} in {} s",
          input.taskId(),
          result.segments().size(),
          result.language(),
          String.format(Locale.ROOT, "%.1f", engineSeconds));
      return new TranscriptRef(
          files.put(file),
          result.language(),
          result.languageProbability(),
          result.segments().size(),
          engineSeconds);
    }
  }

  /** The voice activity detection model (also for planning the parts of a long file). */
  VadModelStore vadModels() {
    return vadModels;
  }

  /** The file store transcripts are written to. */
  public FileStore files() {
    return files;
  }

  private VadStep.Outcome detectSpeech(
      TranscribeInput input,
      WavReader.Samples samples,
      RecognitionSettings settings,
      Heartbeats heartbeats) {
    try {
      VadStep.Outcome found =
          VadStep.run(
              vadModels.get(),
              samples,
              input.options().vadParameters(),
              settings,
              heartbeats::pollStopRequested);
      log.info(
          "Task {}: VAD found {} speech region(s), {} % of the audio, in {} s",
          input.taskId(),
          found.vad().regions().size(),
          Math.round(found.vad().speechRatio() * 100),
          found.vad().seconds());
      return found;
    } catch (ModelUnavailableException e) {
      throw ModelFailures.unavailable(input.taskId(), e);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "Invalid VAD options: " + e.getMessage(), Failures.INVALID_OPTIONS, e);
    } catch (CancellationException e) {
      heartbeats.throwIfStopRequested();
      throw e;
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }

  private RecognitionSettings settings(TranscribeInput input, double audioSeconds) {
    DecodeOptions options = input.options();
    try {
      return DecodeSettings.map(options, input.translate(), threads, audioSeconds);
    } catch (DecodeSettings.InvalidOptionsException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.INVALID_OPTIONS);
    }
  }

  /** Fills what the engine left out and records the measured engine time. */
  private static Transcript complete(
      Transcript t, String model, double audioSeconds, double engineSeconds, Transcript.Vad vad) {
    return new Transcript(
        t.text() == null ? "" : t.text(),
        t.language(),
        t.languageProbability(),
        t.duration() > 0 ? t.duration() : audioSeconds,
        t.engine() == null || t.engine().isBlank() ? "whisper.cpp" : t.engine(),
        t.model() == null || t.model().isBlank() ? model : t.model(),
        engineSeconds,
        t.segments() == null ? List.of() : t.segments(),
        vad);
  }

  /**
   * The worker is stopping gracefully: every running transcription aborts now and ends its attempt
   * with {@link Failures#WORKER_STOPPING}, so that another worker runs it again within seconds, not
   * after the heartbeat timeout. Call it just before shutting the worker down.
   */
  public void handBack() {
    RuntimeException failure =
        Failures.handedBack(
            "Transcription worker " + ManagementFactory.getRuntimeMXBean().getName());
    handedBack = failure;
    for (Heartbeats heartbeats : running) {
      heartbeats.stop(failure);
    }
  }

  /** Stops the heartbeat scheduler and frees the VAD model. The pool is closed by its owner. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    vadModels.close();
  }
}
