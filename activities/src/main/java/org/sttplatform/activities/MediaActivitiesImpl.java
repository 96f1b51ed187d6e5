package org.sttplatform.activities;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.activities.crawl.CrawlException;
import org.sttplatform.activities.crawl.CrawledPost;
import org.sttplatform.activities.crawl.Platform;
import org.sttplatform.activities.crawl.PostCrawler;
import org.sttplatform.activities.media.AudioExtractor;
import org.sttplatform.activities.media.InputDump;
import org.sttplatform.activities.media.MediaProbe;
import org.sttplatform.activities.media.MediaProblem;
import org.sttplatform.activities.media.WarmFfmpeg;
import org.sttplatform.workflows.AudioDurationLimit;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.CrawledSource;
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
  private final PostCrawler crawler;
  private final MediaProbe probe;
  private final AudioExtractor extractor;

  private final HandBack handBack = new HandBack();

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
    this.crawler = new PostCrawler(settings.crawl(), client, settings.allowPrivateNetworks());
    this.probe = new MediaProbe(settings.ffmpegTools());
    this.extractor =
        new AudioExtractor(
            settings.ffmpegTools(),
            WarmFfmpeg.inWorkRoot(settings.ffmpegTools(), layout.workRoot()));
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

  /** The settings the activities were built from. */
  CpuWorkerSettings settings() {
    return settings;
  }

  /** The graceful stop that {@link #handBack} signals, for other activities of the worker. */
  HandBack handBackSignal() {
    return handBack;
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
  public MediaRef fetchCrawled(long taskId, String url, CrawledSource source) {
    return fetch("Task " + taskId, () -> layout.createWorkDir(taskId), url, null, source);
  }

  /** The crawler of the {@code crawl} components and of expired media URLs. */
  PostCrawler crawler() {
    return crawler;
  }

  /**
   * Downloads {@code url} with {@code headers} and {@code source}'s headers; when the URL answers
   * 403 or 410 and {@code source} names a post, crawls the post once more and downloads its fresh
   * media URL with its fresh headers.
   */
  MediaRef fetch(
      String who,
      HttpFetcher.WorkDir workDir,
      String url,
      Map<String, String> headers,
      CrawledSource source) {
    Map<String, String> all = new LinkedHashMap<>();
    if (source != null) {
      all.putAll(source.headers());
    }
    if (headers != null) {
      all.putAll(headers);
    }
    Platform platform = source == null ? null : Platform.parse(source.platform());
    boolean recrawl = platform != null && source.postUrl() != null;
    try {
      return fetcher.fetch(who, workDir, url, all, recrawl);
    } catch (HttpFetcher.ExpiredUrlException expired) {
      log.info(
          "{}: the media URL answered {}; crawling {} post {} again",
          who,
          expired.getMessage().replaceAll(".*answered (HTTP \\d+).*", "$1"),
          platform.displayName(),
          source.postUrl());
      CrawledPost fresh;
      try {
        fresh = crawler.crawl(platform, source.postUrl());
      } catch (CrawlException e) {
        throw e.toFailure();
      }
      Map<String, String> freshHeaders = new LinkedHashMap<>(fresh.mediaHeaders());
      if (headers != null) {
        freshHeaders.putAll(headers);
      }
      return fetcher.fetch(who, workDir, fresh.mediaUrl(), freshHeaders, false);
    }
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
      return checked(file, probe.probe(file));
    } catch (MediaProblem problem) {
      log.info("Probe of {} failed: {}", file.getFileName(), problem.getMessage());
      throw problem.toFailure();
    }
  }

  /** {@code info} of {@code file}, logged, or the failure of a file longer than the limit. */
  private MediaInfo checked(Path file, MediaInfo info) {
    log.info(
        "Probed {}: {} s, {}, {} {} Hz x{}",
        file.getFileName(),
        info.durationSeconds(),
        info.formatName(),
        info.audioCodec(),
        info.sampleRate(),
        info.channels());
    if (AudioDurationLimit.exceeds(info.durationSeconds(), settings.maxAudioSeconds())) {
      throw tooLong(info.durationSeconds());
    }
    return info;
  }

  /** The API refuses such uploads at create; file_url media is only known from here on. */
  private ApplicationFailure tooLong(double seconds) {
    return ApplicationFailure.newNonRetryableFailure(
        AudioDurationLimit.message(seconds, settings.maxAudioSeconds()), Failures.MEDIA_TOO_LARGE);
  }

  @Override
  public ProbedAudio probeAndExtract(long taskId, MediaRef media) {
    return probeAndExtract(
        "Task " + taskId, () -> layout.createWorkDir(taskId), media, AudioConversion.WHISPER);
  }

  /**
   * {@link #probeAndExtract(long, MediaRef)} into the folder {@code workDir} creates, converting as
   * {@code conversion} says.
   */
  ProbedAudio probeAndExtract(
      String who, HttpFetcher.WorkDir workDir, MediaRef media, AudioConversion conversion) {
    Path file = mediaPath(media);
    // One ffmpeg run probes and extracts: its dump of the input (InputDump) gives ffprobe's facts,
    // and a second process would cost about as much again, mostly in loading its shared libraries.
    // ffmpeg applies the probe's demuxer allowlist itself.
    InputDump dump = new InputDump();
    AudioRef audio;
    try {
      audio = extract(who, workDir, media, conversion, () -> throwIfTooLong(dump), dump);
    } catch (RuntimeException extractionFailed) {
      // ffprobe's verdict (bad media, no audio, too long) explains a refused file better.
      checkedProbe(file);
      throw extractionFailed;
    }
    try {
      MediaInfo info =
          dump.info(file.toFile().length(), audio.durationSeconds())
              .map(facts -> checked(file, facts))
              .orElseGet(() -> checkedProbe(file)); // a dump this code cannot read
      return new ProbedAudio(info, audio);
    } catch (RuntimeException refused) {
      deleteQuietly(layout.files().localFile(audio.key()));
      throw refused;
    }
  }

  /** Stops the extraction (through its tick) once the input's stated duration is over the limit. */
  private void throwIfTooLong(InputDump dump) {
    double seconds = dump.durationSeconds();
    if (AudioDurationLimit.exceeds(seconds, settings.maxAudioSeconds())) {
      throw tooLong(seconds);
    }
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
    return extract(who, workDir, media, AudioConversion.WHISPER, () -> {}, null);
  }

  /**
   * Extracts {@code media}'s audio as {@code conversion} says into {@code audio.<extension>} in the
   * folder {@code workDir} creates ({@code audio.wav} for whisper audio).
   */
  AudioRef extract(
      String who, HttpFetcher.WorkDir workDir, MediaRef media, AudioConversion conversion) {
    return extract(who, workDir, media, conversion, () -> {}, null);
  }

  /**
   * As {@link #extract(String, HttpFetcher.WorkDir, MediaRef)}; {@code check} runs each tick, and
   * ffmpeg's dump of the input goes to {@code dump} unless it is {@code null}.
   */
  private AudioRef extract(
      String who,
      HttpFetcher.WorkDir workDir,
      MediaRef media,
      AudioConversion conversion,
      Runnable check,
      InputDump dump) {
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
              },
              dump);
      log.info(
          "{}: extracted {} s of audio from {} in {} ms",
          who,
          String.format(java.util.Locale.ROOT, "%.2f", seconds),
          input.getFileName(),
          (System.nanoTime() - started) / 1_000_000);
      return new AudioRef(layout.files().put(output), seconds);
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

  /** The local file of the media's storage key. */
  private Path mediaPath(MediaRef media) {
    if (media == null || media.key() == null || media.key().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "No media file was given", Failures.BAD_MEDIA);
    }
    try {
      return layout.files().localFile(media.key());
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The media reference is not a storage key of this installation: " + e.getMessage(),
          Failures.BAD_MEDIA);
    }
  }
}
