package org.sttplatform.gpu;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.sttplatform.gpu.model.ModelCatalog;
import org.sttplatform.gpu.model.ModelStoreConfig;
import org.sttplatform.workflows.settings.EnvSettings;

/**
 * Configuration of a transcription worker, normally from the environment ({@link #fromEnv()}).
 *
 * @param dataDir the shared data directory ({@code STT_DATA_DIR}, default {@code ./data}): the file
 *     store the audio's keys name, as on the CPU workers
 * @param modelsDir where {@code ggml-<name>.bin} files live and downloads land ({@code
 *     STT_MODELS_DIR}, default {@code ./models})
 * @param defaultModel model used when a task names none ({@code STT_MODEL}, default {@code base})
 * @param modelPath explicit file for the default model ({@code STT_MODEL_PATH}), or {@code null}
 * @param downloadEnabled download missing models on first use ({@code STT_MODEL_DOWNLOAD}, default
 *     {@code true})
 * @param mirrorUrl base URL of the model files ({@code STT_MODEL_MIRROR}), or {@code null} for
 *     Hugging Face's {@code ggerganov/whisper.cpp}
 * @param modelSha1 SHA-1 the default model's download must have ({@code STT_MODEL_SHA1}), or {@code
 *     null} for the official checksum (if any)
 * @param nativeLibraryDir directory of a custom {@code libwhisper} build, e.g. with CUDA ({@code
 *     STT_WHISPER_LIBRARY_DIR}), or {@code null} for the bundled one
 * @param useGpu let whisper.cpp use the GPU if it was built with one ({@code STT_WHISPER_USE_GPU},
 *     default {@code true})
 * @param gpuDevice GPU index ({@code STT_GPU_DEVICE}, default 0)
 * @param threads CPU threads per transcription ({@code STT_WHISPER_THREADS}, default the number of
 *     available processors divided by the pool size, at least 1: every concurrent transcription
 *     runs its own whisper.cpp threads, and ggml's spinning barriers make an oversubscribed CPU
 *     many times slower)
 * @param poolSize concurrent transcriptions ({@code STT_WHISPER_POOL_SIZE}, default 1)
 * @param maxLoadedModels models kept loaded at once ({@code STT_MAX_LOADED_MODELS}, default 2): the
 *     least recently used idle one is freed to make room for another, and the limit is exceeded
 *     only while every loaded model is in use
 * @param device what the worker transcribes on, for the fleet: {@code cuda<CUDA_VISIBLE_DEVICES>}
 *     when the GPU is used and {@code CUDA_VISIBLE_DEVICES} names devices, else {@code cpu}
 * @param workerId the worker's id in the fleet ({@code STT_WORKER_ID}, default {@code
 *     <hostname>-<device>}); it names the worker's own queue, so it must be unique and stable
 *     across restarts (one per GPU on a machine with several)
 * @param fleetHeartbeat how often the worker reports to the fleet ({@code STT_FLEET_HEARTBEAT},
 *     e.g. {@code 3s}, the default)
 */
public record GpuWorkerSettings(
    Path dataDir,
    Path modelsDir,
    String defaultModel,
    Path modelPath,
    boolean downloadEnabled,
    String mirrorUrl,
    String modelSha1,
    Path nativeLibraryDir,
    boolean useGpu,
    int gpuDevice,
    int threads,
    int poolSize,
    int maxLoadedModels,
    String device,
    String workerId,
    Duration fleetHeartbeat) {

  /** How often a worker reports to the fleet when {@code STT_FLEET_HEARTBEAT} is unset. */
  public static final Duration DEFAULT_FLEET_HEARTBEAT = Duration.ofSeconds(3);

  /** Models kept loaded when {@code STT_MAX_LOADED_MODELS} is unset. */
  public static final int DEFAULT_MAX_LOADED_MODELS = 2;

  public GpuWorkerSettings {
    if (modelsDir == null) {
      throw new IllegalArgumentException("modelsDir is required");
    }
    defaultModel = ModelCatalog.normalize(defaultModel == null ? "base" : defaultModel);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, was " + poolSize);
    }
    if (maxLoadedModels < 1) {
      throw new IllegalArgumentException(
          "STT_MAX_LOADED_MODELS (the number of models kept loaded) must be at least 1, was "
              + maxLoadedModels);
    }
    if (gpuDevice < 0) {
      throw new IllegalArgumentException("GPU device must be at least 0, was " + gpuDevice);
    }
    if (device == null || device.isBlank()) {
      device = "cpu";
    }
    if (workerId == null || workerId.isBlank()) {
      throw new IllegalArgumentException("a worker id is required");
    }
    if (!workerId.matches("[A-Za-z0-9._:-]+")) {
      throw new IllegalArgumentException(
          "STT_WORKER_ID may hold letters, digits and . _ : - only, was '" + workerId + "'");
    }
    if (fleetHeartbeat == null || fleetHeartbeat.isNegative() || fleetHeartbeat.isZero()) {
      fleetHeartbeat = DEFAULT_FLEET_HEARTBEAT;
    }
  }

  /** Reads the settings from the process environment. */
  public static GpuWorkerSettings fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * Reads the settings from {@code env}; unset or blank variables take their defaults.
   *
   * @throws IllegalArgumentException naming the variable if a value cannot be parsed
   */
  public static GpuWorkerSettings fromEnv(Map<String, String> env) {
    EnvSettings e = new EnvSettings(env);
    int poolSize = e.integer("STT_WHISPER_POOL_SIZE", 1);
    boolean useGpu = e.bool("STT_WHISPER_USE_GPU", true);
    String device = device(useGpu, e.string("CUDA_VISIBLE_DEVICES", null));
    return new GpuWorkerSettings(
        absolute(e.path("STT_DATA_DIR", Path.of("./data"))),
        absolute(e.path("STT_MODELS_DIR", Path.of("./models"))),
        e.string("STT_MODEL", "base"),
        absolute(e.path("STT_MODEL_PATH", null)),
        e.bool("STT_MODEL_DOWNLOAD", true),
        e.string("STT_MODEL_MIRROR", null),
        e.string("STT_MODEL_SHA1", null),
        absolute(e.path("STT_WHISPER_LIBRARY_DIR", null)),
        useGpu,
        e.integer("STT_GPU_DEVICE", 0),
        e.integer(
            "STT_WHISPER_THREADS",
            defaultThreads(Runtime.getRuntime().availableProcessors(), poolSize)),
        poolSize,
        e.integer("STT_MAX_LOADED_MODELS", DEFAULT_MAX_LOADED_MODELS),
        device,
        e.string("STT_WORKER_ID", hostName() + "-" + device),
        e.positiveDuration("STT_FLEET_HEARTBEAT", DEFAULT_FLEET_HEARTBEAT));
  }

  /** {@code cuda<devices>} (commas become {@code _}) when the GPU is used on named devices. */
  static String device(boolean useGpu, String cudaVisibleDevices) {
    if (!useGpu || cudaVisibleDevices == null || cudaVisibleDevices.isBlank()) {
      return "cpu";
    }
    return "cuda" + cudaVisibleDevices.strip().replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String hostName() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      name = System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
    String clean = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return clean.isEmpty() ? "localhost" : clean;
  }

  /**
   * Threads per transcription when {@code STT_WHISPER_THREADS} is unset: the cores shared out
   * between the {@code poolSize} transcriptions that may run at once, at least 1.
   */
  static int defaultThreads(int cores, int poolSize) {
    return Math.max(1, cores / Math.max(1, poolSize));
  }

  /** The model store's part of the settings. */
  public ModelStoreConfig modelStoreConfig() {
    return new ModelStoreConfig(
        modelsDir,
        defaultModel,
        modelPath,
        downloadEnabled,
        mirrorUrl,
        modelSha1 == null ? Map.of() : Map.of(defaultModel, modelSha1));
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath().normalize();
  }
}
