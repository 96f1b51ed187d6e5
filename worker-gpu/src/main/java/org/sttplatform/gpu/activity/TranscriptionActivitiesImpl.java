package org.sttplatform.gpu.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.sttplatform.gpu.whisper.SpeechRecognizer;
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
 * #Failures.MODEL_DOWNLOAD_FAILED}; options the engine rejects are non-retryable {@link
 * Failures#INVALID_OPTIONS}; a missing audio file is retryable (another worker may see the shared
 * data directory). A cancelled activity aborts the engine and ends with Temporal's cancellation.
 */
public final class TranscriptionActivitiesImpl implements TranscriptionActivities, AutoCloseable {

  /** The transcript's file name, next to the audio. */
  public static final String TRANSCRIPT_FILE = "transcript.json";

  private static final Logger log = LoggerFactory.getLogger(TranscriptionActivitiesImpl.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileStore files;
  private final RecognizerPool pool;
  private final VadModelStore vadModels;
  private final int threads;
  private final Duration keepAlive;
  private final ScheduledExecutorService scheduler;
  private final Set<Heartbeats> running = ConcurrentHashMap.newKeySet();
  private volatile RuntimeException handedBack;

  /**
   * @param pool the loaded models
   * @param threads CPU threads per transcription
   */
  /**
   * @param files the file store the audio comes from and the transcript goes to
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
    Path audio = audioFile(input);
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
    try (WavReader.Samples samples = openAudio(audio)) {
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

      Transcript transcript;
      String model;
      double engineSeconds;
      if (settings == null) {
        // No speech: the engine does not run, so skipped audio cannot produce text.
        model = canonicalModel(input.model());
        transcript = new Transcript("", null, 0, audioSeconds, null, model, 0, List.of());
        engineSeconds = 0;
      } else {
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
          model = pool.store().canonical(input.model());
          log.info(
              "Task {}: transcribing {} s of audio with model '{}' ({})",
              input.taskId(),
              String.format(Locale.ROOT, "%.1f", audioSeconds),
              model,
              input.translate() ? "translate" : "transcribe");
          long started = System.nanoTime();
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
                "Task {}: the speech engine rejected the request: {}",
                input.taskId(),
                e.getMessage());
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                "Invalid transcription options: " + e.getMessage(), Failures.INVALID_OPTIONS, e);
          }
          engineSeconds = (System.nanoTime() - started) / 1e9;
        } catch (ModelUnavailableException e) {
          log.warn("Task {}: {}", input.taskId(), e.getMessage());
          if (e.isTransient()) {
            throw ApplicationFailure.newFailureWithCause(
                e.getMessage(), Failures.MODEL_DOWNLOAD_FAILED, e);
          }
          throw ApplicationFailure.newNonRetryableFailureWithCause(
              e.getMessage(), Failures.MODEL_UNAVAILABLE, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Activity.wrap(e);
        }
      }
      heartbeats.throwIfStopRequested();

      if (speech != null) {
        transcript = speech.toOriginal(transcript, audioSeconds);
      }
      Transcript result = complete(transcript, model, audioSeconds, engineSeconds, vad);
      Path file = audio.resolveSibling(transcriptFile);
      write(result, file);
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

  /** The audio's local file; a reference that is not a key of this store is the task's fault. */
  private Path audioFile(TranscribeInput input) {
    if (input.audio() == null || input.audio().key() == null) {
      throw ApplicationFailure.newNonRetryableFailure("No audio was given", Failures.BAD_MEDIA);
    }
    try {
      return files.localFile(input.audio().key());
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The audio reference is not a storage key of this installation: " + e.getMessage(),
          Failures.BAD_MEDIA);
    }
  }

  /** The voice activity detection model (also for planning the parts of a long file). */
  VadModelStore vadModels() {
    return vadModels;
  }

  /** The local file of the audio {@code input} names (the task's fault if it is no key). */
  Path audioPath(TranscribeInput input) {
    return audioFile(input);
  }

  /** The file store transcripts are written to. */
  public FileStore files() {
    return files;
  }

  static WavReader.Samples openAudio(Path audio) {
    try {
      WavReader.Samples samples = WavReader.open(audio);
      if (samples.sampleCount() == 0) {
        samples.close();
        throw ApplicationFailure.newNonRetryableFailure(
            audio + " contains no audio samples", Failures.BAD_MEDIA);
      }
      return samples;
    } catch (WavReader.UnsupportedAudioException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.BAD_MEDIA);
    } catch (NoSuchFileException e) {
      throw ApplicationFailure.newFailureWithCause(
          "Audio file "
              + audio
              + " does not exist on this transcription worker (is the data directory shared"
              + " with it?)",
          Failures.AUDIO_MISSING,
          e);
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
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
      log.warn("Task {}: {}", input.taskId(), e.getMessage());
      throw e.isTransient()
          ? ApplicationFailure.newFailureWithCause(
              e.getMessage(), Failures.MODEL_DOWNLOAD_FAILED, e)
          : ApplicationFailure.newNonRetryableFailureWithCause(
              e.getMessage(), Failures.MODEL_UNAVAILABLE, e);
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

  private String canonicalModel(String name) {
    try {
      return pool.store().canonical(name);
    } catch (ModelUnavailableException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          e.getMessage(), Failures.MODEL_UNAVAILABLE, e);
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

  static void write(Transcript transcript, Path file) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(file.getParent(), TRANSCRIPT_FILE + ".", ".tmp");
      JSON.writeValue(tmp.toFile(), transcript);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw Activity.wrap(e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
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
