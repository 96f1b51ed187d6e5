package org.sttplatform.activities.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the ffmpeg and ffprobe executables are: a configured directory, or the {@code PATH}.
 * Jaffree takes the directory ({@code null} meaning the {@code PATH}).
 *
 * @param binDir the directory holding {@code ffmpeg} and {@code ffprobe}, or {@code null} to use
 *     the {@code PATH}
 */
public record FfmpegTools(Path binDir) {

  /**
   * The demuxers ffmpeg and ffprobe may use on untrusted media, as the value of their {@code
   * -format_whitelist} input option: single-file audio and video containers only. Playlists and
   * other formats that open further files or URLs ({@code hls}, {@code concat}, {@code dash},
   * {@code image2}, {@code sdp}, {@code rtsp}…) are left out, because their entries can be local
   * paths, e.g. another task's media. A demuxer with several names ({@code
   * mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm}) is allowed when one of its names is listed.
   */
  public static final String DEMUXER_ALLOWLIST =
      String.join(
          ",",
          // MP4/QuickTime family (mp4, m4a, mov, 3gp, 3g2, mj2) and Matroska/WebM
          "mov",
          "mp4",
          "m4a",
          "3gp",
          "matroska",
          "webm",
          // compressed audio
          "mp3",
          "aac",
          "loas",
          "flac",
          "ogg",
          "ac3",
          "eac3",
          "dts",
          "dtshd",
          "truehd",
          "mlp",
          "amr",
          "amrnb",
          "amrwb",
          "ape",
          "wv",
          "tta",
          "tak",
          "mpc",
          "mpc8",
          "oma",
          "shn",
          "dsf",
          "gsm",
          "xwma",
          // uncompressed audio
          "wav",
          "w64",
          "aiff",
          "au",
          "caf",
          "voc",
          "nistsphere",
          // video containers
          "avi",
          "asf",
          "flv",
          "mpegts",
          "mpeg",
          "mxf",
          "rm",
          "nut",
          "dv",
          "wtv");

  private static final Set<String> ALLOWED_DEMUXERS =
      Arrays.stream(DEMUXER_ALLOWLIST.split(",")).collect(Collectors.toUnmodifiableSet());

  /**
   * Whether ffprobe's {@code format_name} (one or several comma-separated demuxer names) names an
   * allowed demuxer; see {@link #DEMUXER_ALLOWLIST}.
   */
  public static boolean allowedFormat(String formatName) {
    if (formatName == null || formatName.isBlank()) {
      return false;
    }
    for (String name : formatName.split(",")) {
      if (ALLOWED_DEMUXERS.contains(name.strip().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

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
