package org.sttplatform.activities.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the ffmpeg and ffprobe executables are: a configured directory, or the {@code PATH}.
 * Jaffree takes the directory ({@code null} meaning the {@code PATH}).
 *
 * @param binDir the directory holding {@code ffmpeg} and {@code ffprobe}, or {@code null} to use
 *     the {@code PATH}
 */
public record FfmpegTools(Path binDir) {

  /** Tools found on the {@code PATH}. */
  public static FfmpegTools onPath() {
    return new FfmpegTools(null);
  }

  /** The executable {@code name} ({@code ffmpeg} or {@code ffprobe}), if it can be found. */
  public Optional<Path> find(String name) {
    if (binDir != null) {
      Path p = binDir.resolve(name);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir).resolve(name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** A human description of what is missing, or empty if both ffmpeg and ffprobe are found. */
  public Optional<String> missing() {
    boolean ffmpeg = find("ffmpeg").isPresent();
    boolean ffprobe = find("ffprobe").isPresent();
    if (ffmpeg && ffprobe) {
      return Optional.empty();
    }
    String what = !ffmpeg && !ffprobe ? "ffmpeg and ffprobe" : !ffmpeg ? "ffmpeg" : "ffprobe";
    String where = binDir != null ? "in " + binDir : "on the PATH";
    return Optional.of(what + " not found " + where);
  }
}
