package org.sttplatform.gpu.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.vad.SileroVad;
import org.sttplatform.workflows.settings.EnvSettings;

/**
 * The voice activity detection model, {@value #MODEL} (Silero VAD v5, ONNX), found like a whisper
 * model: {@code STT_VAD_MODEL_PATH} if set, else {@code STT_MODELS_DIR/}{@value #FILE_NAME}, else
 * downloaded on first use (when {@code STT_MODEL_DOWNLOAD} allows it) from {@code
 * STT_VAD_MODEL_URL} (default {@link #DEFAULT_URL}) into the models directory. Loaded once, on the
 * first task that asks for VAD, and shared: an ONNX Runtime session runs concurrent calls.
 */
public final class VadModelStore implements AutoCloseable {

  /** The model's name in messages. */
  public static final String MODEL = "silero-vad-v5";

  /** Its file name in the models directory. */
  public static final String FILE_NAME = "silero_vad_v5.onnx";

  /**
   * silero-vad's own v5 file on GitHub (release v5.1.2, MIT). The npm package {@code
   * @ricky0123/vad-web} ships the same model as {@code package/dist/silero_vad_v5.onnx}, but inside
   * a tarball, so it is no plain URL; take the file from there with {@code npm pack} for an offline
   * machine and set {@code STT_VAD_MODEL_PATH}.
   */
  public static final String DEFAULT_URL =
      "https://github.com/snakers4/silero-vad/raw/v5.1.2/src/silero_vad/data/silero_vad.onnx";

  private static final Logger log = LoggerFactory.getLogger(VadModelStore.class);

  private final Path modelPath;
  private final Path modelsDir;
  private final boolean downloadEnabled;
  private final String url;
  private final OkHttpClient http;
  private SileroVad loaded;

  /**
   * @param modelPath explicit file ({@code STT_VAD_MODEL_PATH}), or {@code null}
   * @param modelsDir where {@value #FILE_NAME} is looked for and downloaded to
   * @param downloadEnabled download a missing model on first use
   * @param url where to download it from, or {@code null} for {@link #DEFAULT_URL}
   */
  public VadModelStore(
      Path modelPath, Path modelsDir, boolean downloadEnabled, String url, OkHttpClient http) {
    this.modelPath = modelPath == null ? null : modelPath.toAbsolutePath().normalize();
    this.modelsDir = modelsDir.toAbsolutePath().normalize();
    this.downloadEnabled = downloadEnabled;
    this.url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
    this.http = http;
  }

  /** Reads {@code STT_VAD_MODEL_PATH} and {@code STT_VAD_MODEL_URL} from {@code env}. */
  public static VadModelStore fromEnv(
      Map<String, String> env, Path modelsDir, boolean downloadEnabled) {
    EnvSettings e = new EnvSettings(env);
    return new VadModelStore(
        e.path("STT_VAD_MODEL_PATH", null),
        modelsDir,
        downloadEnabled,
        e.string("STT_VAD_MODEL_URL", null),
        ModelStore.defaultClient());
  }

  /** Where the model file is (or will be once downloaded). */
  public Path path() {
    return modelPath != null ? modelPath : modelsDir.resolve(FILE_NAME);
  }

  /**
   * The loaded model, found, downloaded and loaded on the first call.
   *
   * @throws ModelUnavailableException naming the file and the settings if it cannot be had
   */
  public synchronized SileroVad get() throws ModelUnavailableException {
    if (loaded != null) {
      return loaded;
    }
    Path file = path();
    if (!Files.isRegularFile(file)) {
      if (modelPath != null) {
        throw unavailable("STT_VAD_MODEL_PATH names " + file + ", which does not exist", null);
      }
      if (!downloadEnabled) {
        throw unavailable(
            "it is not at " + file + " and downloads are off (STT_MODEL_DOWNLOAD=false)", null);
      }
      download(file);
    }
    try {
      loaded = SileroVad.load(file);
    } catch (SileroVad.VadModelException e) {
      throw unavailable(e.getMessage(), e);
    }
    log.info("Loaded the VAD model {} from {}", MODEL, file);
    return loaded;
  }

  private void download(Path file) throws ModelUnavailableException {
    String shown = ModelStore.shown(url);
    log.info("Downloading the VAD model {} from {} to {}", MODEL, shown, file);
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), FILE_NAME + ".", ".part");
      try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
        if (!response.isSuccessful()) {
          int code = response.code();
          throw new ModelUnavailableException(
              MODEL,
              message("the download from " + shown + " answered HTTP " + code),
              null,
              code >= 500 || code == 408 || code == 429);
        }
        try (InputStream in = response.body().byteStream()) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      boolean transientFailure =
          e instanceof SocketTimeoutException
              || String.valueOf(e.getMessage()).toLowerCase().contains("reset");
      throw new ModelUnavailableException(
          MODEL,
          message("the download from " + shown + " failed: " + e.getMessage()),
          e,
          transientFailure);
    } catch (IllegalArgumentException e) {
      throw unavailable("STT_VAD_MODEL_URL is not a URL: " + shown, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover .part file is overwritten by the next try
        }
      }
    }
  }

  private ModelUnavailableException unavailable(String reason, Throwable cause) {
    return new ModelUnavailableException(MODEL, message(reason), cause);
  }

  private String message(String reason) {
    return "The VAD model "
        + MODEL
        + " is not available: "
        + reason
        + ". Put silero_vad_v5.onnx (from silero-vad, or package/dist/ of the npm package"
        + " @ricky0123/vad-web) at "
        + path()
        + ", or set STT_VAD_MODEL_PATH / STT_VAD_MODEL_URL";
  }

  @Override
  public synchronized void close() {
    if (loaded != null) {
      loaded.close();
      loaded = null;
    }
  }
}
