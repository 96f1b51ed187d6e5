package org.sttplatform.api.web;

import java.nio.file.Path;
import org.sttplatform.workflows.model.MediaInfo;

/** Checks an upload before a task is created for it (the integrator wires it to ffprobe). */
public interface MediaInspector {

  /**
   * Probes a stored upload.
   *
   * @throws MediaRejectedException if the file is not a media file or has no audio stream; its
   *     message is shown to the user. Any other exception is treated as a server error.
   */
  MediaInfo inspect(Path file);
}
