package org.sttplatform.api.web;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.web.multipart.MultipartFile;

/** Where uploaded media is kept until its task is deleted. */
public interface UploadStorage {

  /**
   * Moves (or streams) the upload to {@code <dataDir>/uploads/<uuid>/<sanitized name>} without
   * reading it into memory.
   *
   * @return the absolute path of the stored file
   */
  Path store(MultipartFile file) throws IOException;

  /**
   * Deletes a stored upload together with its {@code <uuid>} directory. Paths outside the upload
   * directory are ignored; a missing file is not an error.
   */
  void delete(Path storedFile);
}
