package org.sttplatform.api.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.web.ApiException;
import org.sttplatform.api.web.MediaInspector;
import org.sttplatform.api.web.MediaRejectedException;
import org.sttplatform.storage.FileStore;
import org.sttplatform.workflows.AudioDurationLimit;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * The files uploaded with a run: each multipart part becomes the input of its name, a media
 * reference ({@code key}, {@code fileName}, {@code sizeBytes}) like {@code fetch}'s output. They
 * are stored in the run's working folder ({@code work/runs/<run>/inputs/<input>/}), so the run's
 * clean-up removes them, and probed as task uploads are (415 for a file without audio, 413 past
 * {@code STT_MAX_AUDIO_SECONDS}).
 */
@Service
class RunUploads {
  private static final Logger log = LoggerFactory.getLogger(RunUploads.class);

  private final DataLayout layout;
  private final FileStore files;
  private final MediaInspector inspector;
  private final long maxAudioSeconds;

  RunUploads(SttProperties properties, FileStore files, MediaInspector inspector) {
    this.layout = new DataLayout(properties.dataDir());
    this.files = files;
    this.inspector = inspector;
    this.maxAudioSeconds = properties.upload().maxAudioSeconds();
  }

  /**
   * Stores and probes the parts; on any refusal nothing of the run's uploads is left.
   *
   * @param parts input name → file (names already checked against the definition)
   * @return input name → media reference
   */
  Map<String, Object> store(String runId, Map<String, MultipartFile> parts) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, MultipartFile> part : parts.entrySet()) {
        inputs.put(part.getKey(), store(runId, part.getKey(), part.getValue()));
      }
      return inputs;
    } catch (RuntimeException e) {
      discard(runId);
      throw e;
    }
  }

  private Map<String, Object> store(String runId, String input, MultipartFile file) {
    if (file.isEmpty()) {
      throw ApiException.badRequest("The file of input '" + input + "' is empty");
    }
    String name = DataLayout.sanitizeFileName(file.getOriginalFilename());
    Path target;
    try {
      Path dir =
          Files.createDirectories(layout.createRunDir(runId).resolve("inputs").resolve(input));
      target = dir.resolve(name);
      // transferTo(File) lets the container move its staged part; transferTo(Path) copies.
      file.transferTo(target.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("Could not store the file of input '" + input + "'", e);
    }
    MediaInfo info;
    try {
      info = inspector.inspect(target);
    } catch (MediaRejectedException e) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Input '" + input + "': " + e.getMessage());
    }
    if (AudioDurationLimit.exceeds(info.durationSeconds(), maxAudioSeconds)) {
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          "Input '"
              + input
              + "': "
              + AudioDurationLimit.message(info.durationSeconds(), maxAudioSeconds));
    }
    Map<String, Object> media = new LinkedHashMap<>();
    media.put("key", files.put(target));
    media.put("fileName", name);
    media.put("sizeBytes", info.sizeBytes());
    return media;
  }

  /** Removes the run's working folder (its uploads), e.g. when the run cannot start. */
  void discard(String runId) {
    try {
      layout.deleteRunDir(runId);
    } catch (IOException | RuntimeException e) {
      log.warn("Could not remove the uploads of run {}", runId, e);
    }
  }
}
