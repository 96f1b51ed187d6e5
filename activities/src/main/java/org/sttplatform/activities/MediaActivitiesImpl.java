package org.sttplatform.activities;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.activities.media.AudioExtractor;
import org.sttplatform.activities.media.MediaProbe;
import org.sttplatform.activities.media.MediaProblem;
import org.sttplatform.workflows.AudioDurationLimit;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.ProbedAudio;

/**
 * The CPU worker's media activities: download, ffprobe, ffmpeg audio extraction and clean-up, on
 * the shared data directory laid out by {@link DataLayout}. Stateless apart from its settings and
 * HTTP client, so one instance serves concurrent activities.
 *
 * <p>Permanent problems are non-retryable {@link ApplicationFailure}s typed with {@link Failures};
 * transient ones (network, 5xx, disk) are retryable failures of type {@link Failures#FETCH_FAILED}
 * or plain exceptions.
 */
public class MediaActivitiesImpl implements MediaActivities {

  private static final Logger log = LoggerFactory.getLogger(MediaActivitiesImpl.class);

  private final CpuWorkerSettings settings;
  private final DataLayout layout;
  private final HttpFetcher fetcher;
  private final MediaProbe probe;
  private final AudioExtractor extractor;
  private final HandBack handBack = new HandBack();

  /** Runs the ffprobe of {@link #probeAndExtract} next to its ffmpeg. */
  private static final ExecutorService SIDE_PROBES =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "stt-side-probe");
            t.setDaemon(true);
            return t;
          });

  public MediaActivitiesImpl(CpuWorkerSettings settings) {
    this(settings, HttpFetcher.newClient(settings));
  }

  /**
   * With a given HTTP client (it must follow redirects); unless {@link
   * CpuWorkerSettings#allowPrivateNetworks()}, downloads go through a copy guarded by {@link
   * NetworkGuard}, without a proxy.
   */
  public MediaActivitiesImpl(CpuWorkerSettings settings, OkHttpClient client) {
    this(settings, client, NetworkGuard::isBlocked);
  }

  /** With another notion of blocked addresses (tests). */
  MediaActivitiesImpl(
      CpuWorkerSettings settings, OkHttpClient client, Predicate<InetAddress> blocked) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.layout = settings.layout();
    this.fetcher = new HttpFetcher(client, layout, settings, blocked, handBack);
    this.probe = new MediaProbe(settings.ffmpegTools());
    this.extractor = new AudioExtractor(settings.ffmpegTools());
  }

  /**
   * The worker is stopping gracefully: every running activity ends its attempt now with {@link
   * org.sttplatform.workflows.Failures#WORKER_STOPPING}, so that another worker runs it again at
   * once (and so do activities that would heartbeat later). Call it just before shutting the worker
   * down.
   */
  public void handBack() {
    handBack.now(
        "CPU worker " + java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
  }

  /** The data layout the activities work in. */
  public DataLayout layout() {
    return layout;
  }

  @Override
  public MediaRef fetch(long taskId, String url) {
    return fetcher.fetch(taskId, url);
  }

  @Override
  public MediaInfo probe(MediaRef media) {
    Path file = mediaPath(media);
    Heartbeater heartbeat = Heartbeater.current(settings.heartbeatInterval(), handBack);
    heartbeat.beat(0L);
    // ffprobe is usually quick, but a huge or slowly readable file must not look like a dead
    // worker.
    try (Heartbeater.KeepAlive alive = heartbeat.keepAlive(() -> {})) {
      return checkedProbe(file);
    }
  }

  /**
   * ffprobe's verdict on {@code file}, logged: its info, or the non-retryable failure of a file
   * that is not accepted (including one longer than the audio limit).
   */
  private MediaInfo checkedProbe(Path file) {
    try {
      MediaInfo info = probe.probe(file);
      log.info(
          "Probed {}: {} s, {}, {} {} Hz x{}",
          file.getFileName(),
          info.durationSeconds(),
          info.formatName(),
          info.audioCodec(),
          info.sampleRate(),
          info.channels());
      if (AudioDurationLimit.exceeds(info.durationSeconds(), settings.maxAudioSeconds())) {
        // the API refuses such uploads at create; file_url media is only known from here on
        throw ApplicationFailure.newNonRetryableFailure(
            AudioDurationLimit.message(info.durationSeconds(), settings.maxAudioSeconds()),
            Failures.MEDIA_TOO_LARGE);
      }
      return info;
    } catch (MediaProblem problem) {
      log.info("Probe of {} failed: {}", file.getFileName(), problem.getMessage());
      throw problem.toFailure();
    }
  }

  @Override
  public ProbedAudio probeAndExtract(long taskId, MediaRef media) {
    Path file = mediaPath(media);
    // Each tool spends most of its ~0.1 s starting up (loading its shared libraries), so running
    // them side by side costs about one. ffmpeg applies the same demuxer allowlist itself, so
    // nothing it opens before the probe's verdict is outside what the probe would accept.
    Future<MediaInfo> probed = SIDE_PROBES.submit(() -> checkedProbe(file));
    try {
      AudioRef audio;
      try {
        audio =
            extract(
                "Task " + taskId,
                () -> layout.createWorkDir(taskId),
                media,
                () -> throwIfRefused(probed));
      } catch (RuntimeException extractionFailed) {
        // The probe's verdict (bad media, no audio, too long) explains a refused file better.
        awaitProbe(probed);
        throw extractionFailed;
      }
      try {
        return new ProbedAudio(awaitProbe(probed), audio);
      } catch (RuntimeException refused) {
        deleteQuietly(Path.of(audio.path()));
        throw refused;
      }
    } finally {
      probed.cancel(true); // only while it still runs, i.e. the extraction failed or was stopped
    }
  }

  /** Stops the extraction (through its tick) as soon as the probe has refused the file. */
  private static void throwIfRefused(Future<MediaInfo> probed) {
    if (probed.isDone() && !probed.isCancelled()) {
      try {
        probed.get();
      } catch (ExecutionException e) {
        throw unwrap(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", e);
      }
    }
  }

  private MediaInfo awaitProbe(Future<MediaInfo> probed) {
    Heartbeater heartbeat = Heartbeater.current(settings.heartbeatInterval(), handBack);
    try (Heartbeater.KeepAlive alive = heartbeat.keepAlive(() -> probed.cancel(true))) {
      return probed.get();
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while ffprobe ran", e);
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(String.valueOf(cause), cause);
  }

  private static void deleteQuietly(Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the task's folder is removed at clean-up anyway
    }
  }

  @Override
  public AudioRef extractAudio(long taskId, MediaRef media) {
    return extract("Task " + taskId, () -> layout.createWorkDir(taskId), media);
  }

  /**
   * Extracts {@code media}'s audio into {@code audio.wav} in the folder {@code workDir} creates.
   */
  AudioRef extract(String who, HttpFetcher.WorkDir workDir, MediaRef media) {
    return extract(who, workDir, media, AudioConversion.WHISPER, () -> {});
  }

  /**
   * Extracts {@code media}'s audio as {@code conversion} says into {@code audio.<extension>} in the
   * folder {@code workDir} creates ({@code audio.wav} for whisper audio).
   */
  AudioRef extract(
      String who, HttpFetcher.WorkDir workDir, MediaRef media, AudioConversion conversion) {
    return extract(who, workDir, media, conversion, () -> {});
  }

  private AudioRef extract(
      String who, HttpFetcher.WorkDir workDir, MediaRef media, Runnable check) {
    return extract(who, workDir, media, AudioConversion.WHISPER, check);
  }

  /** As {@link #extract(String, HttpFetcher.WorkDir, MediaRef)}; {@code check} runs each tick. */
  private AudioRef extract(
      String who,
      HttpFetcher.WorkDir workDir,
      MediaRef media,
      AudioConversion conversion,
      Runnable check) {
    Path input = mediaPath(media);
    Heartbeater heartbeat = Heartbeater.current(settings.heartbeatInterval(), handBack);
    long started = System.nanoTime();
    try {
      Path output =
          workDir
              .create()
              .resolve(
                  conversion.isWhisperAudio()
                      ? DataLayout.AUDIO_FILE
                      : "audio." + conversion.format().extension());
      double seconds =
          extractor.extract(
              input,
              output,
              conversion,
              settings.heartbeatInterval(),
              ms -> {
                check.run();
                heartbeat.maybeBeat(ms);
              });
      log.info(
          "{}: extracted {} s of audio from {} in {} ms",
          who,
          String.format(java.util.Locale.ROOT, "%.2f", seconds),
          input.getFileName(),
          (System.nanoTime() - started) / 1_000_000);
      return new AudioRef(output.toString(), seconds);
    } catch (MediaProblem problem) {
      log.info("{}: extraction failed: {}", who, problem.getMessage());
      throw problem.toFailure();
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "Cannot create the working folder of " + who + ": " + e.getMessage(),
          Failures.WORK_DIR_FAILED,
          e);
    }
  }

  /** Sends requests on the download client, through the same guard. */
  HttpRequester httpRequester() {
    return fetcher.requester();
  }

  /** Downloads {@code url} into the folder {@code workDir} creates. */
  MediaRef fetch(String who, HttpFetcher.WorkDir workDir, String url) {
    return fetcher.fetch(who, workDir, url);
  }

  @Override
  public void cleanUp(long taskId) {
    try {
      if (layout.deleteWorkDir(taskId)) {
        log.info("Task {}: working folder deleted", taskId);
      }
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "Cannot delete the working folder of task " + taskId + ": " + e.getMessage(),
          Failures.CLEAN_UP_FAILED,
          e);
    }
  }

  /** The media's path, which must lie inside the data directory. */
  private Path mediaPath(MediaRef media) {
    if (media == null || media.path() == null || media.path().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "No media file was given", Failures.BAD_MEDIA);
    }
    Path path = Path.of(media.path());
    try {
      return layout.requireInside(path);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The media file is not inside the data directory: " + path.getFileName(),
          Failures.BAD_MEDIA);
    }
  }
}
