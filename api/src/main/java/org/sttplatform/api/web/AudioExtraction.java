package org.sttplatform.api.web;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.multipart.MultipartFile;
import org.sttplatform.activities.CpuWorkerSettings;
import org.sttplatform.activities.media.AudioExtractor;
import org.sttplatform.activities.media.FfmpegTools;
import org.sttplatform.activities.media.MediaProbe;
import org.sttplatform.activities.media.MediaProblem;
import org.sttplatform.activities.media.WarmFfmpeg;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.temporal.HostedWorkers;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * The work of {@code POST /api/whisper/extract_audio}: the upload (already spooled to disk by the
 * multipart handling) is moved into a folder of its own under {@code <dataDir>/tmp/extract}, probed
 * with the same checks as a task's upload (ffprobe, demuxer allowlist, an audio stream; without
 * {@code channels} first, as the source's channels are the default, else only when ffmpeg fails),
 * and converted by ffmpeg into a file beside it. The caller streams that file and then closes the
 * {@link Extracted}, which deletes the folder, whatever happened to the download.
 */
@Service
class AudioExtraction {
  private static final Logger log = LoggerFactory.getLogger(AudioExtraction.class);

  /** The original service's default {@code sample_rate}. */
  static final int ORIGINAL_SAMPLE_RATE = 22050;

  private static final Pattern SAFE_EXTENSION = Pattern.compile("[A-Za-z0-9]{1,10}");

  private final Path root;
  private final MediaProbe probe;
  private final WarmFfmpeg warm;
  private final AudioExtractor extractor;

  /**
   * Removes what a crash left in the folder: this bean is created before the web server takes
   * requests.
   *
   * @param properties the data directory; ffmpeg is found as the hosted workers find it ({@code
   *     STT_FFMPEG_BIN}, else the {@code PATH})
   */
  AudioExtraction(SttProperties properties) {
    CpuWorkerSettings settings =
        CpuWorkerSettings.fromEnv(HostedWorkers.workerEnvironment(properties));
    FfmpegTools tools = settings.ffmpegTools();
    this.probe = new MediaProbe(tools);
    // Whisper audio (16 kHz mono WAV) is converted on a pre-started ffmpeg, as by the CPU worker;
    // one waits per kind of input once that kind was asked for. Other conversions start ffmpeg.
    this.warm = WarmFfmpeg.inWorkRoot(tools, settings.layout().workRoot());
    this.extractor = new AudioExtractor(tools, warm);
    this.root = tempRoot(properties);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the extraction directory " + root, e);
    }
    IncomingParts.removeLeftovers(root, Instant.now());
  }

  /** Stops the idle pre-started processes with the context (not only at the JVM's exit). */
  @PreDestroy
  void stopIdleFfmpeg() {
    warm.close();
  }

  /** {@code <dataDir>/tmp/extract}: one folder per extraction in progress. */
  static Path tempRoot(SttProperties properties) {
    return properties.dataDir().toAbsolutePath().normalize().resolve("tmp").resolve("extract");
  }

  /**
   * The extracted audio of a request; {@link #close()} deletes it and the upload.
   *
   * @param file the audio file to send
   * @param fileName the name to offer the client: the upload's base name with the format's
   *     extension
   * @param conversion what was written
   */
  record Extracted(Path file, String fileName, AudioConversion conversion, Path folder)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        FileSystemUtils.deleteRecursively(folder);
      } catch (IOException e) {
        log.warn("Could not delete the extraction folder {}", folder, e);
      }
    }
  }

  /** What the request asked for; {@code null} values take their defaults. */
  record Request(String format, Integer sampleRate, Integer channels, Integer bitDepth) {}

  /**
   * Checks the options that do not depend on the media (so that a bad request costs no upload
   * handling), for an early 400.
   */
  static void checkOptions(Request request) {
    conversion(request, 1);
  }

  /**
   * Extracts the audio of {@code upload}.
   *
   * @throws ApiException 400 for options the format does not allow, 415 for a file that is not
   *     accepted media or has no audio stream
   */
  Extracted extract(MultipartFile upload, Request request) {
    Path folder = root.resolve(UUID.randomUUID().toString());
    boolean handedOver = false;
    try {
      Files.createDirectory(folder);
      Path input = folder.resolve("input" + extension(upload.getOriginalFilename()));
      // The part is already on disk, on the same file system: transferTo(File) moves it.
      upload.transferTo(input.toFile());
      // The probe's facts decide only the default channel count: with channels given, ffmpeg runs
      // at once (it applies the same demuxer allowlist) and ffprobe only gives the verdict on a
      // file ffmpeg could not convert, as for a task's URL. That saves a process start per request.
      MediaInfo info = request.channels() == null ? probe.probe(input) : null;
      AudioConversion conversion = conversion(request, info == null ? 1 : defaultChannels(info));
      Path output = folder.resolve("output." + conversion.format().extension());
      long started = System.nanoTime();
      double seconds;
      try {
        seconds = extractor.extract(input, output, conversion, Duration.ofSeconds(1), ms -> {});
      } catch (MediaProblem failed) {
        if (info == null) {
          probe.probe(input); // its verdict (not media, no audio stream…) explains it better
        }
        throw failed;
      }
      // The input goes with the folder once the answer is sent: not while the client waits.
      log.info(
          "Extracted {} s of audio as {} {} Hz {} ch from {} in {} ms",
          String.format(Locale.ROOT, "%.2f", seconds),
          conversion.format().id(),
          conversion.sampleRate(),
          conversion.channels(),
          upload.getOriginalFilename(),
          (System.nanoTime() - started) / 1_000_000);
      Extracted extracted =
          new Extracted(
              output,
              baseName(upload.getOriginalFilename()) + "." + conversion.format().extension(),
              conversion,
              folder);
      handedOver = true;
      return extracted;
    } catch (MediaProblem problem) {
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the extraction in " + folder, e);
    } finally {
      if (!handedOver) {
        try {
          FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
          log.warn("Could not delete the extraction folder {}", folder, e);
        }
      }
    }
  }

  private static AudioConversion conversion(Request request, int defaultChannels) {
    try {
      return AudioConversion.of(
          request.format(),
          request.sampleRate(),
          request.channels(),
          request.bitDepth(),
          ORIGINAL_SAMPLE_RATE,
          defaultChannels,
          AudioExtractionController.PARAM_NAMES);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** The source's channel count, as far as the formats go (stereo at most). */
  private static int defaultChannels(MediaInfo info) {
    return Math.max(1, Math.min(info.channels(), 2));
  }

  /** {@code .ext} of the client's name when it is short and alphanumeric (a hint for ffmpeg). */
  private static String extension(String original) {
    String name = fileName(original);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return SAFE_EXTENSION.matcher(ext).matches() ? "." + ext.toLowerCase(Locale.ROOT) : "";
  }

  /** The client's file name without directories and extension; {@code audio} if none. */
  static String baseName(String original) {
    String name = fileName(original);
    int dot = name.lastIndexOf('.');
    String base = (dot > 0 ? name.substring(0, dot) : name).strip();
    // Control characters cannot go into a header.
    base = base.replaceAll("\\p{Cntrl}", "_");
    return base.isEmpty() || base.equals(".") ? "audio" : base;
  }

  private static String fileName(String original) {
    if (original == null) {
      return "";
    }
    int slash = Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\'));
    return original.substring(slash + 1).strip();
  }
}
