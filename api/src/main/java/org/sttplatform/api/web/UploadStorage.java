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

  /** The storage key of a stored upload: what its task row and its pipeline carry. */
  String keyOf(Path storedFile);

  /**
   * The stored upload a task row names: its storage key, or the absolute path rows created before
   * keys held; {@code null} if it names neither.
   */
  Path fileOf(String filePath);
}
