package org.sttplatform.gpu.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;

/**
 * One model's download for {@link ModelStore}: fetched on a download thread ({@link #fetch}),
 * awaited by every caller asking for the model ({@link #result}), its progress readable meanwhile.
 */
final class ModelDownload {
  private static final Logger log = LoggerFactory.getLogger(ModelDownload.class);

  private static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

  private static final double MB = 1024.0 * 1024.0;

  private final String model;
  private final CompletableFuture<Path> result = new CompletableFuture<>();
  private volatile long read;
  private volatile long total = -1;

  ModelDownload(String model) {
    this.model = model;
  }

  String model() {
    return model;
  }

  /** Completed with the model's file, or with the download's failure. */
  CompletableFuture<Path> result() {
    return result;
  }

  /** {@code {bytesRead, totalBytes}}, total {@code -1} while unknown. */
  long[] progress() {
    return new long[] {read, total};
  }

  String describe() {
    long r = read;
    long t = total;
    if (t > 0) {
      return String.format(
          Locale.ROOT, "%d%% (%.1f of %.1f MB)", Math.min(100, r * 100 / t), r / MB, t / MB);
    }
    return String.format(Locale.ROOT, "%.1f MB", r / MB);
  }

  /**
   * Fetches the model from its mirror into the models directory of {@code store}: a temporary file
   * there, checked against its SHA-1 and for a ggml model header, then moved into place.
   *
   * @return the model's file
   */
  Path fetch(ModelStore store, OkHttpClient http) throws ModelUnavailableException {
    ModelDownload state = this;
    String url = store.downloadUrl(model);
    Path target = store.pathInModelsDir(model);
    Path tmp = null;
    long started = System.nanoTime();
    try {
      Files.createDirectories(store.config().modelsDir());
      tmp =
          Files.createTempFile(
              store.config().modelsDir(), ModelCatalog.fileName(model) + ".", ".part");
      log.info("Downloading model '{}' from {} to {}", model, url, target);
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      Request request = request(store.fetchUrl(model));
      long read = 0;
      try (Response response = http.newCall(request).execute()) {
        if (!response.isSuccessful()) {
          throw new ModelUnavailableException(
              model,
              store.unavailableMessage(
                  model, "download failed: HTTP " + response.code() + " from " + url),
              null,
              isTransientStatus(response.code()));
        }
        ResponseBody body = response.body();
        long total = body.contentLength();
        state.total = total;
        long lastLog = System.nanoTime();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = body.byteStream();
            OutputStream out = Files.newOutputStream(tmp)) {
          int n;
          while ((n = in.read(buffer)) != -1) {
            sha1.update(buffer, 0, n);
            out.write(buffer, 0, n);
            read += n;
            state.read = read;
            long now = System.nanoTime();
            if (now - lastLog >= LOG_INTERVAL.toNanos()) {
              lastLog = now;
              log.info("Downloading model '{}': {}", model, state.describe());
            }
          }
        }
        if (total >= 0 && read != total) {
          throw new IOException("connection closed after " + read + " of " + total + " bytes");
        }
      }
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      String actual = HexFormat.of().formatHex(sha1.digest());
      Optional<String> expected = store.expectedSha1(model);
      if (expected.isPresent() && !expected.get().equalsIgnoreCase(actual)) {
        throw new ModelUnavailableException(
            model,
            store.unavailableMessage(
                model,
                "download failed: checksum mismatch for "
                    + url
                    + " (SHA-1 "
                    + actual
                    + ", expected "
                    + expected.get()
                    + ")"),
            null);
      }
      if (expected.isEmpty()) {
        log.warn(
            "Model '{}' from {} is unverified: no known SHA-1 (set STT_MODEL_SHA1 to check it);"
                + " its SHA-1 is {}",
            model,
            url,
            actual);
      }
      checkIsModel(store, url, tmp, read);
      move(tmp, target);
      tmp = null;
      double seconds = (System.nanoTime() - started) / 1e9;
      log.info(
          "Downloaded model '{}' ({} MB in {} s, SHA-1 {} {}) to {}",
          model,
          String.format(Locale.ROOT, "%.1f", read / MB),
          String.format(Locale.ROOT, "%.1f", seconds),
          actual,
          expected.isPresent() ? "verified" : "unverified",
          target);
      return target;
    } catch (IOException e) {
      // Timeouts, resets, refused connections, a body cut short: the network or the mirror, which
      // may recover. A file system problem in the models directory needs an operator.
      throw new ModelUnavailableException(
          model,
          store.unavailableMessage(model, "download failed: " + ModelStore.describe(e)),
          e,
          !(e instanceof FileSystemException));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          log.warn("Could not delete partial download {}", tmp, e);
        }
      }
    }
  }

  /**
   * Smallest file accepted as a model: every whisper.cpp model holds at least its 48-byte header
   * and an 80-bin mel filterbank (80 x 201 floats, about 63 KiB) before its vocabulary and tensors.
   */
  static final long MIN_MODEL_BYTES = 64 * 1024;

  /**
   * Refuses a download that is not a ggml whisper model (an HTML error page sent with 200, a
   * truncated file) before it is moved into place, where it would fail every load until an operator
   * deleted it. Needed most where no SHA-1 is known (quantized and custom models).
   */
  private void checkIsModel(ModelStore store, String url, Path file, long size)
      throws ModelUnavailableException {
    String why = null;
    if (size < MIN_MODEL_BYTES) {
      why = "only " + size + " bytes";
    } else {
      try {
        WhisperCppRecognizer.checkModelHeader(file);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        why = e.getMessage().replace(file.toString(), "the download");
      }
    }
    if (why != null) {
      throw new ModelUnavailableException(
          model,
          store.unavailableMessage(
              model, "download failed: " + url + " did not send a whisper.cpp model (" + why + ")"),
          null);
    }
  }

  /** Server errors, request timeout and too many requests may go away by themselves. */
  static boolean isTransientStatus(int code) {
    return code >= 500 || code == 408 || code == 429;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A GET of {@code url}; user info in the URL (a private mirror's login) becomes basic auth. */
  private static Request request(String url) {
    HttpUrl parsed = HttpUrl.get(url);
    Request.Builder request =
        new Request.Builder()
            .url(parsed.newBuilder().username("").password("").build())
            .header("User-Agent", "stt-platform-worker-gpu");
    if (!parsed.username().isEmpty()) {
      request.header(
          "Authorization",
          Credentials.basic(parsed.username(), parsed.password(), StandardCharsets.UTF_8));
    }
    return request.build();
  }
}
