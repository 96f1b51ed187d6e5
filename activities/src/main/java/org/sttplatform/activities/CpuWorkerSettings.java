package org.sttplatform.activities;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.sttplatform.activities.crawl.CrawlSettings;
import org.sttplatform.activities.media.FfmpegTools;
import org.sttplatform.workflows.AudioDurationLimit;
import org.sttplatform.workflows.pipeline.engine.LongFileSplit;
import org.sttplatform.workflows.settings.EnvSettings;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * Configuration of the CPU worker and its media activities.
 *
 * @param dataDir the shared data directory ({@code STT_DATA_DIR}, default {@code ./data})
 * @param maxDownloadBytes largest download accepted ({@code STT_MAX_DOWNLOAD_BYTES}, default 2 GiB;
 *     accepts a plain byte count or a {@code k}/{@code m}/{@code g} binary suffix, e.g. {@code
 *     500m})
 * @param userAgent User-Agent of downloads ({@code STT_USER_AGENT})
 * @param ffmpegBinDir directory holding ffmpeg and ffprobe ({@code STT_FFMPEG_BIN}), or {@code
 *     null} to use the {@code PATH}
 * @param connectTimeout HTTP connect timeout ({@code STT_HTTP_CONNECT_TIMEOUT_SECONDS}, default 30)
 * @param readTimeout HTTP read timeout between two reads ({@code STT_HTTP_READ_TIMEOUT_SECONDS},
 *     default 60)
 * @param heartbeatInterval how often long activities heartbeat ({@link
 *     ActivityDefaults#HEARTBEAT_THROTTLE})
 * @param temporalAddress Temporal frontend ({@code TEMPORAL_ADDRESS}, default {@code
 *     127.0.0.1:7233})
 * @param namespace Temporal namespace ({@code TEMPORAL_NAMESPACE}, default {@code default})
 * @param maxConcurrentActivities activities run at once by this worker ({@code
 *     STT_CPU_MAX_CONCURRENT_ACTIVITIES}, default twice the processor count, at least 2)
 * @param allowPrivateNetworks whether downloads may reach loopback, link-local, private, CGNAT,
 *     unique-local, multicast and other non-public addresses ({@code
 *     STT_FETCH_ALLOW_PRIVATE_NETWORKS}, default {@code false}; see {@link NetworkGuard})
 * @param maxAudioSeconds longest media the probe step accepts ({@code STT_MAX_AUDIO_SECONDS},
 *     default 6 h; 0 or less: no limit; see {@link AudioDurationLimit})
 * @param callbackRetryWindow how long a task's callback delivery is retried before it is {@code
 *     dead} ({@code STT_CALLBACK_RETRY_WINDOW}, default 24h; a duration like {@code 30s}, {@code
 *     90m}, {@code 24h}, {@code 2d})
 * @param crawl where the Douyin/TikTok crawler finds the platforms, used to crawl a post again when
 *     its media URL has expired and by the {@code crawl} components (see {@link CrawlSettings})
 * @param splitSeconds audio longer than this is transcribed in parts, in parallel, by the pipeline
 *     engine these workers run ({@code STT_SPLIT_SECONDS}, default 600; 0 never splits; else at
 *     least {@value LongFileSplit#MIN_SPAN_SECONDS}; see {@link LongFileSplit})
 */
public record CpuWorkerSettings(
    Path dataDir,
    long maxDownloadBytes,
    String userAgent,
    Path ffmpegBinDir,
    Duration connectTimeout,
    Duration readTimeout,
    Duration heartbeatInterval,
    String temporalAddress,
    String namespace,
    int maxConcurrentActivities,
    boolean allowPrivateNetworks,
    long maxAudioSeconds,
    Duration callbackRetryWindow,
    CrawlSettings crawl,
    double splitSeconds) {

  /** The callback retry window's variable. */
  public static final String CALLBACK_RETRY_WINDOW = "STT_CALLBACK_RETRY_WINDOW";

  /** The split span's variable. */
  public static final String SPLIT_SECONDS = "STT_SPLIT_SECONDS";

  /** Lets downloads reach private and local network addresses when {@code true}. */
  public static final String ALLOW_PRIVATE_NETWORKS = "STT_FETCH_ALLOW_PRIVATE_NETWORKS";

  /** 2 GiB. */
  public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 2L * 1024 * 1024 * 1024;

  public static final String DEFAULT_USER_AGENT = "stt-platform-media-fetcher/0.1";

  public CpuWorkerSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(temporalAddress, "temporalAddress");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(callbackRetryWindow, "callbackRetryWindow");
    if (callbackRetryWindow.isZero() || callbackRetryWindow.isNegative()) {
      throw new IllegalArgumentException(
          CALLBACK_RETRY_WINDOW + " must be positive: " + callbackRetryWindow);
    }
    Objects.requireNonNull(crawl, "crawl");
    if (!(splitSeconds == 0 || splitSeconds >= LongFileSplit.MIN_SPAN_SECONDS)) {
      throw new IllegalArgumentException(
          SPLIT_SECONDS
              + " must be 0 (never split) or at least "
              + (long) LongFileSplit.MIN_SPAN_SECONDS
              + " seconds: "
              + splitSeconds);
    }
    if (maxDownloadBytes <= 0) {
      throw new IllegalArgumentException("maxDownloadBytes must be positive: " + maxDownloadBytes);
    }
    if (maxConcurrentActivities <= 0) {
      throw new IllegalArgumentException(
          "maxConcurrentActivities must be positive: " + maxConcurrentActivities);
    }
  }

  /** Defaults, with {@code dataDir} as the data directory. */
  public static CpuWorkerSettings defaults(Path dataDir) {
    return new CpuWorkerSettings(
        dataDir,
        DEFAULT_MAX_DOWNLOAD_BYTES,
        DEFAULT_USER_AGENT,
        null,
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        ActivityDefaults.HEARTBEAT_THROTTLE,
        "127.0.0.1:7233",
        "default",
        Math.max(2, 2 * Runtime.getRuntime().availableProcessors()),
        false,
        AudioDurationLimit.DEFAULT_SECONDS,
        ActivityDefaults.CALLBACK_RETRY_WINDOW,
        CrawlSettings.defaults(),
        LongFileSplit.DEFAULT_SPAN_SECONDS);
  }

  /** Settings from the process environment; see the record components for the variables. */
  public static CpuWorkerSettings fromEnv() {
    return fromEnv(System.getenv());
  }

  /** Settings from {@code env}; blank values count as unset (see {@link EnvSettings}). */
  public static CpuWorkerSettings fromEnv(Map<String, String> env) {
    EnvSettings e = new EnvSettings(env);
    CpuWorkerSettings d = defaults(e.path("STT_DATA_DIR", Path.of("./data")));
    return new CpuWorkerSettings(
        d.dataDir(),
        e.bytes("STT_MAX_DOWNLOAD_BYTES", d.maxDownloadBytes()),
        e.string("STT_USER_AGENT", d.userAgent()),
        e.path("STT_FFMPEG_BIN", null),
        e.seconds("STT_HTTP_CONNECT_TIMEOUT_SECONDS", d.connectTimeout()),
        e.seconds("STT_HTTP_READ_TIMEOUT_SECONDS", d.readTimeout()),
        d.heartbeatInterval(),
        e.string("TEMPORAL_ADDRESS", d.temporalAddress()),
        e.string("TEMPORAL_NAMESPACE", d.namespace()),
        e.integer("STT_CPU_MAX_CONCURRENT_ACTIVITIES", d.maxConcurrentActivities()),
        allowPrivateNetworks(env),
        e.longInteger(AudioDurationLimit.ENV, d.maxAudioSeconds()),
        e.duration(CALLBACK_RETRY_WINDOW, d.callbackRetryWindow()),
        CrawlSettings.fromEnv(env),
        e.decimal(SPLIT_SECONDS, d.splitSeconds()));
  }

  /**
   * {@code STT_FETCH_ALLOW_PRIVATE_NETWORKS} of {@code env}: {@code true}/{@code 1}/{@code yes}/
   * {@code on} or {@code false}/{@code 0}/{@code no}/{@code off}; unset or blank is {@code false}.
   */
  public static boolean allowPrivateNetworks(Map<String, String> env) {
    return new EnvSettings(env).bool(ALLOW_PRIVATE_NETWORKS, false);
  }

  /** The data layout under {@link #dataDir()}. */
  public DataLayout layout() {
    return new DataLayout(dataDir);
  }

  /** Where ffmpeg and ffprobe are. */
  public FfmpegTools ffmpegTools() {
    return new FfmpegTools(ffmpegBinDir);
  }

  /** A copy with another download limit. */
  public CpuWorkerSettings withMaxDownloadBytes(long bytes) {
    return with(c -> c.maxDownloadBytes = bytes);
  }

  /** A copy with another heartbeat interval. */
  public CpuWorkerSettings withHeartbeatInterval(Duration interval) {
    return with(c -> c.heartbeatInterval = interval);
  }

  /** A copy that may (or may not) download from private and local network addresses. */
  public CpuWorkerSettings withAllowPrivateNetworks(boolean allow) {
    return with(c -> c.allowPrivateNetworks = allow);
  }

  /** A copy with other crawler settings. */
  public CpuWorkerSettings withCrawl(CrawlSettings settings) {
    return with(c -> c.crawl = settings);
  }

  /** A copy with another duration limit (0 or less: none). */
  public CpuWorkerSettings withMaxAudioSeconds(long seconds) {
    return with(c -> c.maxAudioSeconds = seconds);
  }

  /** A copy with another split span (0: never split). */
  public CpuWorkerSettings withSplitSeconds(double seconds) {
    return with(c -> c.splitSeconds = seconds);
  }

  /** A copy with another callback retry window. */
  public CpuWorkerSettings withCallbackRetryWindow(Duration window) {
    return with(c -> c.callbackRetryWindow = window);
  }

  /**
   * This record with {@code change} applied to a copy of its components, checked as any new one.
   * Why: a record has no withers; with this, each {@code with…} names only what it changes, and the
   * component list is written out once more here (in {@link Copy}), not once per wither.
   */
  private CpuWorkerSettings with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** This record's components as fields to change, for the {@code with…} copies. */
  private static final class Copy {
    Path dataDir;
    long maxDownloadBytes;
    String userAgent;
    Path ffmpegBinDir;
    Duration connectTimeout;
    Duration readTimeout;
    Duration heartbeatInterval;
    String temporalAddress;
    String namespace;
    int maxConcurrentActivities;
    boolean allowPrivateNetworks;
    long maxAudioSeconds;
    Duration callbackRetryWindow;
    CrawlSettings crawl;
    double splitSeconds;

    Copy(CpuWorkerSettings s) {
      dataDir = s.dataDir;
      maxDownloadBytes = s.maxDownloadBytes;
      userAgent = s.userAgent;
      ffmpegBinDir = s.ffmpegBinDir;
      connectTimeout = s.connectTimeout;
      readTimeout = s.readTimeout;
      heartbeatInterval = s.heartbeatInterval;
      temporalAddress = s.temporalAddress;
      namespace = s.namespace;
      maxConcurrentActivities = s.maxConcurrentActivities;
      allowPrivateNetworks = s.allowPrivateNetworks;
      maxAudioSeconds = s.maxAudioSeconds;
      callbackRetryWindow = s.callbackRetryWindow;
      crawl = s.crawl;
      splitSeconds = s.splitSeconds;
    }

    CpuWorkerSettings build() {
      return new CpuWorkerSettings(
          dataDir,
          maxDownloadBytes,
          userAgent,
          ffmpegBinDir,
          connectTimeout,
          readTimeout,
          heartbeatInterval,
          temporalAddress,
          namespace,
          maxConcurrentActivities,
          allowPrivateNetworks,
          maxAudioSeconds,
          callbackRetryWindow,
          crawl,
          splitSeconds);
    }
  }
}
