package org.sttplatform.gpu.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds whisper.cpp model files and downloads missing ones.
 *
 * <p>A model {@code <name>} is the file {@code ggml-<name>.bin}, resolved in this order:
 *
 * <ol>
 *   <li>the explicit file configured for the default model ({@code STT_MODEL_PATH});
 *   <li>{@code <modelsDir>/ggml-<name>.bin};
 *   <li>a download from {@code <mirror>/ggml-<name>.bin} into a temporary file in {@code
 *       modelsDir}, checked against its SHA-1 and for a ggml model header (and a sane size), then
 *       moved into place atomically.
 * </ol>
 *
 * <p>Each download runs on a background daemon thread ({@code model-download-<model>}), at most one
 * per model. Every {@link #resolve} call that needs it, the one that started it included, waits for
 * that download in short slices and calls its own {@link DownloadListener} on its own thread with
 * the latest progress after each slice. A listener that throws (e.g. a cancelled activity's
 * heartbeat) or an interrupt ends only that caller's wait: the download goes on for the other
 * callers and for later ones, which join it or find the finished file. A failed download is
 * {@linkplain ModelUnavailableException#isTransient() transient} when the mirror answered 5xx, 408
 * or 429 or the network failed (timeout, reset, refused, body cut short), and permanent otherwise
 * (another 4xx, checksum mismatch, not a model, downloads disabled). Thread safe.
 */
public final class ModelStore {

  private static final Logger log = LoggerFactory.getLogger(ModelStore.class);

  /** How long a caller waits for a download between two calls of its listener. */
  static final Duration DEFAULT_WAIT_SLICE = Duration.ofSeconds(1);

  private final ModelStoreConfig config;
  private final OkHttpClient http;
  private final Duration waitSlice;
  private final ConcurrentHashMap<String, ModelDownload> downloads = new ConcurrentHashMap<>();
  private final ExecutorService downloader = Executors.newCachedThreadPool(daemonThreads());

  /** A store downloading with a client suited to large files. */
  public ModelStore(ModelStoreConfig config) {
    this(config, defaultClient());
  }

  public ModelStore(ModelStoreConfig config, OkHttpClient http) {
    this(config, http, DEFAULT_WAIT_SLICE);
  }

  /**
   * @param waitSlice how long a caller waits for a download between two calls of its listener
   */
  ModelStore(ModelStoreConfig config, OkHttpClient http, Duration waitSlice) {
    if (waitSlice.isNegative() || waitSlice.isZero()) {
      throw new IllegalArgumentException("the wait slice must be positive, was " + waitSlice);
    }
    this.config = config;
    this.http = http;
    this.waitSlice = waitSlice;
  }

  private static ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "model-download");
      t.setDaemon(true);
      return t;
    };
  }

  /** An HTTP client with generous read timeouts and redirects followed (Hugging Face redirects). */
  public static OkHttpClient defaultClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(20))
        .readTimeout(Duration.ofSeconds(60))
        .followRedirects(true)
        .followSslRedirects(true)
        .build();
  }

  public ModelStoreConfig config() {
    return config;
  }

  /** The canonical name of the default model. */
  public String defaultModel() {
    return config.defaultModel();
  }

  /**
   * The canonical name of {@code name}, or of the default model if {@code name} is null or blank.
   *
   * @throws ModelUnavailableException if the name is not a valid model name
   */
  public String canonical(String name) throws ModelUnavailableException {
    if (name == null || name.isBlank()) {
      return config.defaultModel();
    }
    try {
      return ModelCatalog.normalize(name);
    } catch (IllegalArgumentException e) {
      throw new ModelUnavailableException(
          name,
          "Model '"
              + name
              + "' is not available: "
              + e.getMessage()
              + "; use a whisper.cpp model name such as "
              + String.join(", ", List.of("tiny", "base", "small", "medium", "large-v3-turbo")),
          null);
    }
  }

  /** Where {@code ggml-<model>.bin} lives (or will live) in the models directory. */
  public Path pathInModelsDir(String model) {
    return config.modelsDir().resolve(ModelCatalog.fileName(model));
  }

  /**
   * The URL the model would be downloaded from, as logs and messages show it: a mirror's
   * credentials and query string (which may hold a token) are masked.
   */
  public String downloadUrl(String model) {
    return shown(fetchUrl(model));
  }

  /** The URL the model is fetched from, user info and query included. */
  String fetchUrl(String model) {
    String mirror = config.effectiveMirror();
    if (config.mirrorUrl() == null && model.endsWith("-tdrz")) {
      mirror = ModelCatalog.TDRZ_MIRROR;
    }
    return mirror + "/" + ModelCatalog.fileName(model);
  }

  /** {@code url} with its user info and query masked, fit for a log line or an API message. */
  static String shown(String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      return url.replaceFirst("//[^/@]*@", "//***@").replaceFirst("\\?.*", "?***");
    }
    HttpUrl.Builder masked = parsed.newBuilder();
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      masked.username("***").password("");
    }
    if (parsed.query() != null) {
      masked.query("***");
    }
    return masked.build().toString();
  }

  /** The SHA-1 a downloaded file must have: configured, else official, else none. */
  public Optional<String> expectedSha1(String model) {
    String configured = config.checksums().get(model);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(configured.strip().toLowerCase(Locale.ROOT));
    }
    return ModelCatalog.officialSha1(model);
  }

  /**
   * Where the model stands, from file checks only (no network): for a health check.
   *
   * @param name model name, or {@code null} for the default model
   */
  public ModelStatus status(String name) {
    String model;
    try {
      model = canonical(name);
    } catch (ModelUnavailableException e) {
      return new ModelStatus(name, ModelStatus.State.MISSING, null, null, e.getMessage());
    }
    Path existing = existingFile(model);
    if (existing != null) {
      return new ModelStatus(
          model,
          ModelStatus.State.PRESENT,
          existing,
          downloadUrl(model),
          "Model '" + model + "' is present at " + existing);
    }
    Path target = pathInModelsDir(model);
    String url = downloadUrl(model);
    ModelDownload running = downloads.get(model);
    if (running != null) {
      return new ModelStatus(
          model,
          ModelStatus.State.DOWNLOADING,
          target,
          url,
          "Model '" + model + "' is being downloaded from " + url + ": " + running.describe());
    }
    if (config.downloadEnabled()) {
      return new ModelStatus(
          model,
          ModelStatus.State.DOWNLOADABLE,
          target,
          url,
          "Model '"
              + model
              + "' is not on disk yet; it will be downloaded from "
              + url
              + " to "
              + target
              + " on first use");
    }
    return new ModelStatus(
        model,
        ModelStatus.State.MISSING,
        target,
        url,
        unavailableMessage(model, "downloads are disabled (STT_MODEL_DOWNLOAD=false)"));
  }

  /**
   * The model's file, downloading it first if needed. A download runs on a background thread; this
   * call waits for it (a concurrent call for the same model waits for the same download), calling
   * {@code listener} on the calling thread with the latest progress about once a second and once
   * more when the download has succeeded. Whatever the listener throws ends this call (and only
   * this call's wait) with that exception; the download goes on, and a later call joins it or finds
   * the finished file.
   *
   * @param name model name, or {@code null} for the default model
   * @param listener observes the download, if one is needed; may throw to stop waiting
   * @throws ModelUnavailableException if the model is not on disk and cannot be downloaded
   * @throws InterruptedException if interrupted while waiting for the download (which goes on)
   */
  public Path resolve(String name, DownloadListener listener)
      throws ModelUnavailableException, InterruptedException {
    String model = canonical(name);
    Path existing = existingFile(model);
    if (existing != null) {
      return existing;
    }
    if (isExplicit(model)) {
      log.warn(
          "Model file {} (STT_MODEL_PATH) does not exist; looking in {}",
          config.modelPath(),
          config.modelsDir());
    }
    if (!config.downloadEnabled()) {
      throw new ModelUnavailableException(
          model,
          unavailableMessage(model, "downloads are disabled (STT_MODEL_DOWNLOAD=false)"),
          null);
    }
    DownloadListener safeListener = listener == null ? DownloadListener.NONE : listener;
    ModelDownload download = start(model);
    long sliceNanos = waitSlice.toNanos();
    while (true) {
      Path path;
      try {
        path = download.result().get(sliceNanos, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        long[] progress = download.progress();
        safeListener.onProgress(model, progress[0], progress[1]);
        continue;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ModelUnavailableException failed) {
          throw new ModelUnavailableException(
              model, failed.getMessage(), failed.getCause(), failed.isTransient());
        }
        throw new ModelUnavailableException(
            model, unavailableMessage(model, "download failed: " + describe(e.getCause())), e);
      }
      long[] progress = download.progress();
      if (progress[0] > 0) {
        safeListener.onProgress(model, progress[0], progress[1]);
      }
      return path;
    }
  }

  /** The model's running download, started on the download executor if none is running. */
  private ModelDownload start(String model) {
    ModelDownload mine = new ModelDownload(model);
    ModelDownload running = downloads.putIfAbsent(model, mine);
    if (running != null) {
      return running;
    }
    try {
      downloader.execute(() -> runDownload(mine));
    } catch (RuntimeException e) {
      downloads.remove(model, mine);
      mine.result().completeExceptionally(e);
    }
    return mine;
  }

  /** Runs on a download thread: fetches the model and completes its future, whatever happens. */
  private void runDownload(ModelDownload state) {
    String model = state.model();
    Thread thread = Thread.currentThread();
    String threadName = thread.getName();
    thread.setName("model-download-" + model);
    try {
      Path target = pathInModelsDir(model);
      // Another download may have finished between a caller's file check and start().
      Path path = Files.isRegularFile(target) ? target : state.fetch(this, http);
      downloads.remove(model, state);
      state.result().complete(path);
    } catch (Throwable e) {
      if (e instanceof ModelUnavailableException) {
        log.warn("{}", e.getMessage());
      } else {
        log.warn("Downloading model '{}' failed", model, e);
      }
      downloads.remove(model, state);
      state.result().completeExceptionally(e);
    } finally {
      thread.setName(threadName);
    }
  }

  private boolean isExplicit(String model) {
    return config.modelPath() != null && model.equals(config.defaultModel());
  }

  /** The file on disk for the model, or {@code null}. */
  private Path existingFile(String model) {
    if (isExplicit(model) && Files.isRegularFile(config.modelPath())) {
      return config.modelPath();
    }
    Path inDir = pathInModelsDir(model);
    return Files.isRegularFile(inDir) ? inDir : null;
  }

  /** What an operator has to do to make the model available, and why it is not. */
  String unavailableMessage(String model, String reason) {
    StringBuilder m = new StringBuilder();
    m.append("Model '").append(model).append("' is not available: ");
    m.append("put ").append(ModelCatalog.fileName(model));
    m.append(" in ").append(config.modelsDir()).append(" (STT_MODELS_DIR)");
    m.append(" (get it from ").append(downloadUrl(model)).append(')');
    if (model.equals(config.defaultModel())) {
      if (config.modelPath() != null) {
        m.append(" or fix STT_MODEL_PATH (").append(config.modelPath()).append(" does not exist)");
      } else {
        m.append(" or set STT_MODEL_PATH");
      }
    }
    m.append("; ").append(reason);
    return m.toString();
  }

  /** {@code UnknownHostException huggingface.co}: the exception's type and message. */
  static String describe(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + " " + message;
  }
}
