package org.sttplatform.gpu.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sttplatform.workflows.model.Transcript;

/**
 * Writes a transcript's JSON file: to a temporary file beside it first, then moved into place
 * (atomically where the file system can), so that a reader does not see half a transcript and a
 * failed attempt leaves no partial file.
 */
final class TranscriptFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TranscriptFile() {}

  static void write(Transcript transcript, Path file) {
    Path tmp = null;
    try {
      tmp =
          Files.createTempFile(
              file.getParent(), TranscriptionActivitiesImpl.TRANSCRIPT_FILE + ".", ".tmp");
      JSON.writeValue(tmp.toFile(), transcript);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw Activity.wrap(e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
