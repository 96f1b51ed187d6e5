package org.sttplatform.activities.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns ffmpeg/ffprobe error output into a short message that does not leak server paths. */
final class FfmpegErrors {

  /** {@code [mp3 @ 0x55b9…] } and {@code [error] } prefixes, in any order and number. */
  private static final Pattern PREFIXES =
      Pattern.compile(
          "^(\\s*\\[([^\\]]*@ ?0x[0-9a-fA-F]+|panic|fatal|error|warning|info|verbose|debug|trace)\\]\\s*)+");

  private static final int MAX_LENGTH = 500;

  /** What ffmpeg prints when the probed demuxer is not in {@code -format_whitelist}. */
  static final String NOT_ON_WHITELIST = "Format not on whitelist";

  /** {@code [hls @ 0x55b9…] Format not on whitelist …}: captures the demuxer's name. */
  private static final Pattern REFUSED =
      Pattern.compile(
          "\\[([A-Za-z0-9_,]+) @ ?0x[0-9a-fA-F]+\\]\\s*(?:\\[[a-z]+\\]\\s*)?" + NOT_ON_WHITELIST);

  private FfmpegErrors() {}

  /**
   * Error output of a failed write or read on this machine (full disk, quota, file size limit, I/O
   * error), not of bad media. ffmpeg 5.1 exits 0 after "Error writing trailer of …: No space left
   * on device", leaving a cut-off file.
   */
  private static final List<String> IO_ERRORS =
      List.of(
          "No space left on device",
          "Disk quota exceeded",
          "File too large",
          "Input/output error",
          "Read-only file system",
          "Error writing trailer",
          "Error closing file");

  private static final Pattern EXIT_STATUS = Pattern.compile("non-zero status: (-?\\d+)");

  /**
   * The retryable failure for error output that shows a problem of this machine, not of the media:
   * a file that could not be written or read (full disk, quota, I/O error), or {@code abnormalExit}
   * (may be {@code null}) saying the process was killed by a signal. Server paths in the line are
   * replaced by file names.
   */
  static Optional<IllegalStateException> machineFailure(
      String tool, List<String> lines, Throwable abnormalExit, Path... paths) {
    Optional<String> io = ioError(lines);
    if (io.isPresent()) {
      return Optional.of(
          new IllegalStateException(
              tool + " failed: " + lastLines(List.of(io.get()), 1, paths), abnormalExit));
    }
    if (abnormalExit != null && killedBySignal(abnormalExit)) {
      return Optional.of(
          new IllegalStateException(tool + " failed: " + abnormalExit.getMessage(), abnormalExit));
    }
    return Optional.empty();
  }

  /** The first line saying a file could not be written or read on this machine, if any. */
  private static Optional<String> ioError(List<String> lines) {
    for (String line : lines) {
      if (line != null) {
        for (String marker : IO_ERRORS) {
          if (line.contains(marker)) {
            return Optional.of(line);
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the process was killed by a signal (exit status above 128, e.g. 137 after an OOM kill):
   * a problem of the machine, worth retrying, not of the media.
   */
  private static boolean killedBySignal(Throwable abnormalExit) {
    String message = abnormalExit.getMessage();
    if (message == null) {
      return false;
    }
    var m = EXIT_STATUS.matcher(message);
    return m.find() && Integer.parseInt(m.group(1)) > 128;
  }

  /** The lines of Jaffree's log messages, split and in order. */
  static List<String> lines(List<com.github.kokorin.jaffree.log.LogMessage> messages) {
    List<String> lines = new ArrayList<>();
    if (messages != null) {
      for (var m : messages) {
        if (m != null && m.message != null) {
          for (String line : m.message.split("\\R")) {
            if (!line.isBlank()) {
              lines.add(line.strip());
            }
          }
        }
      }
    }
    return lines;
  }

  /**
   * The demuxer that ffmpeg refused because it is not in {@link FfmpegTools#DEMUXER_ALLOWLIST}
   * ({@code "unknown"} if the line names none), or empty if no line says so.
   */
  static Optional<String> refusedFormat(List<String> lines) {
    for (String line : lines) {
      if (line != null && line.contains(NOT_ON_WHITELIST)) {
        var m = REFUSED.matcher(line);
        return Optional.of(m.find() ? m.group(1) : "unknown");
      }
    }
    return Optional.empty();
  }

  /** The user's message for a demuxer that is not accepted. */
  static String notAccepted(String format) {
    return "The file's format ("
        + format
        + ") is not accepted: playlists and formats that refer to other files are not accepted;"
        + " upload or link the audio or video file itself";
  }

  /**
   * @param lines error lines in order
   * @param file the input, whose path is replaced by its file name
   * @param details how many detail lines to add after the conclusive one
   */
  static String summarize(List<String> lines, Path file, int details) {
    String full = file.toString();
    String abs = file.toAbsolutePath().toString();
    String name = file.getFileName() == null ? full : file.getFileName().toString();
    String conclusive = null;
    Set<String> others = new LinkedHashSet<>();
    for (String raw : lines) {
      String line = PREFIXES.matcher(raw).replaceFirst("");
      boolean aboutFile = line.startsWith(abs + ":") || line.startsWith(full + ":");
      line = line.replace(abs, name).replace(full, name);
      if (aboutFile) {
        conclusive = line.substring(name.length() + 1).strip();
      } else if (!line.isBlank()) {
        others.add(line);
      }
    }
    List<String> parts = new ArrayList<>();
    if (conclusive != null) {
      parts.add(conclusive);
    }
    int wanted = conclusive == null ? details + 1 : details;
    List<String> detail = new ArrayList<>();
    for (String o : others) {
      if (detail.size() >= wanted) {
        break;
      }
      detail.add(o);
    }
    String message;
    if (conclusive != null && !detail.isEmpty()) {
      message = conclusive + " (" + String.join("; ", detail) + ")";
    } else if (conclusive != null) {
      message = conclusive;
    } else if (!detail.isEmpty()) {
      message = String.join("; ", detail);
    } else {
      message = "no error output";
    }
    return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "…" : message;
  }

  /**
   * The last {@code count} distinct error lines, prefixes stripped and every path in {@code paths}
   * replaced by its file name.
   */
  static String lastLines(List<String> lines, int count, Path... paths) {
    Set<String> cleaned = new LinkedHashSet<>();
    for (String raw : lines) {
      String line = PREFIXES.matcher(raw).replaceFirst("").strip();
      for (Path p : paths) {
        String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        line = line.replace(p.toAbsolutePath().toString(), name).replace(p.toString(), name);
      }
      if (!line.isBlank()) {
        cleaned.remove(line);
        cleaned.add(line);
      }
    }
    List<String> all = new ArrayList<>(cleaned);
    String message =
        all.isEmpty()
            ? "no error output"
            : String.join("; ", all.subList(Math.max(0, all.size() - count), all.size()));
    return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "…" : message;
  }
}
