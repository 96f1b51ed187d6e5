package org.sttplatform.api.web;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.storage.FileStore;

/**
 * Keeps uploads where the workers expect them ({@link DataLayout}: {@code
 * <dataDir>/uploads/<uuid>/<sanitized name>}). The multipart part is already on disk (file-size
 * threshold 0, see {@link WebConfig}); {@code transferTo} moves it.
 */
@Component
public class LocalUploadStorage implements UploadStorage {
  private static final Logger log = LoggerFactory.getLogger(LocalUploadStorage.class);

  private final DataLayout layout;
  private final FileStore files;

  public LocalUploadStorage(SttProperties properties, FileStore files) {
    this.layout = new DataLayout(properties.dataDir());
    this.files = files;
  }

  @Override
  public String keyOf(Path storedFile) {
    return files.put(storedFile);
  }

  @Override
  public Path fileOf(String filePath) {
    try {
      Path path = Path.of(filePath);
      return path.isAbsolute() ? path : files.localFile(filePath);
    } catch (IllegalArgumentException e) { // includes InvalidPathException
      log.warn("Task row names no stored upload: {}", e.getMessage());
      return null;
    }
  }

  static Path uploadsDir(SttProperties properties) {
    return new DataLayout(properties.dataDir()).uploadsDir();
  }

  @Override
  public Path store(MultipartFile file) throws IOException {
    Path target = layout.newUploadFile(file.getOriginalFilename());
    try {
      // transferTo(File) lets the container move its staged part into place; transferTo(Path)
      // would copy every byte.
      file.transferTo(target.toFile());
    } catch (IOException | RuntimeException e) {
      layout.deleteUpload(target.getParent());
      throw e;
    }
    return target;
  }

  @Override
  public void delete(Path storedFile) {
    Path dir = storedFile.toAbsolutePath().normalize().getParent();
    // Only <uuid> folders: the multipart staging folder (.incoming) sits beside them.
    if (dir == null
        || !layout.uploadsDir().equals(dir.getParent())
        || dir.getFileName().toString().startsWith(".")) {
      log.warn("Not deleting {}: it is not a stored upload", storedFile);
      return;
    }
    try {
      layout.deleteUpload(dir);
    } catch (IOException | IllegalArgumentException e) {
      log.warn("Could not delete upload {}", dir, e);
    }
  }
}
