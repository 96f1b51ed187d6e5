package org.sttplatform.activities.media;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * The facts ffprobe gives about a media file, read from the dump of its input that ffmpeg prints at
 * the {@code info} log level before it converts anything:
 *
 * <pre>
 * [info] Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/data/…/source.mp4':
 * [info]   Duration: 00:01:05.04, start: 0.000000, bitrate: 128 kb/s
 * [info]   Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, …
 * </pre>
 *
 * So one ffmpeg run both probes and extracts: a second process (ffprobe) costs about as much again
 * in start-up on a small file. The format name is the one ffprobe reports ({@code format_name});
 * the audio facts are those of the first audio stream, the one the extraction maps ({@code 0:a:0}).
 * A dump that cannot be read completely (an unknown channel layout, say) gives no facts: the caller
 * asks ffprobe then. Thread safe (lines come from Jaffree's reader thread).
 */
public final class InputDump {
  /** A leading {@code [info] } or {@code [mp3 @ 0x55b9…] } prefix. */
  private static final Pattern PREFIX = Pattern.compile("^\\[([^]]*)] ");

  private static final Pattern DURATION =
      Pattern.compile("^Duration: (?:(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)|N/A)");
  private static final Pattern AUDIO = Pattern.compile("^Stream #0:\\d+\\S*: Audio: (.*)$");
  private static final Pattern RATE = Pattern.compile("^(\\d+) Hz$");
  private static final Pattern COUNT = Pattern.compile("^(\\d+) channels$");
  private static final Pattern SURROUND = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\([a-z-]+\\))?$");

  /** ffmpeg's named channel layouts that are not of the {@code 5.1} form. */
  private static final Map<String, Integer> NAMED_LAYOUTS =
      Map.of(
          "mono", 1,
          "stereo", 2,
          "downmix", 2,
          "quad", 4,
          "quad(side)", 4,
          "hexagonal", 6,
          "octagonal", 8,
          "hexadecagonal", 16);

  private String formatName;
  private double durationSeconds;
  private boolean durationRead;
  private String audioCodec;
  private int sampleRate;
  private int channels;
  private boolean inInput;
  private boolean complete;

  /** Takes one line of ffmpeg's log (with or without its {@code [level] } prefix). */
  public synchronized void accept(String logLine) {
    if (complete || logLine == null) {
      return;
    }
    String line = logLine;
    for (Matcher prefix = PREFIX.matcher(line); prefix.find(); prefix = PREFIX.matcher(line)) {
      if (!prefix.group(1).equals("info")) {
        return; // a demuxer's or decoder's message, or a warning: not part of the dump
      }
      line = line.substring(prefix.end());
    }
    if (!inInput) {
      if (line.startsWith("Input #0, ")) {
        int from = line.lastIndexOf(", from '");
        formatName = from > 10 ? line.substring(10, from) : null;
        inInput = true;
      }
      return;
    }
    if (!line.startsWith(" ")) {
      complete = true; // "Stream mapping:", "Output #0", another input: the dump has ended
      return;
    }
    String text = line.strip();
    Matcher duration = DURATION.matcher(text);
    if (duration.find()) {
      durationRead = true;
      durationSeconds =
          duration.group(1) == null
              ? 0
              : Integer.parseInt(duration.group(1)) * 3600
                  + Integer.parseInt(duration.group(2)) * 60
                  + Double.parseDouble(duration.group(3));
      return;
    }
    Matcher audio = AUDIO.matcher(text);
    if (audioCodec == null && audio.matches()) {
      String[] parts = audio.group(1).split(", ");
      audioCodec = parts[0].split(" ", 2)[0];
      if (parts.length > 2) {
        Matcher rate = RATE.matcher(parts[1]);
        sampleRate = rate.matches() ? Integer.parseInt(rate.group(1)) : 0;
        channels = channels(parts[2]);
      }
    }
  }

  /** Whether {@code logLine} was logged at ffmpeg's {@code info} level. */
  public static boolean isInfo(String logLine) {
    String line = logLine;
    for (Matcher prefix = PREFIX.matcher(line); prefix.find(); prefix = PREFIX.matcher(line)) {
      if (prefix.group(1).equals("info")) {
        return true;
      }
      line = line.substring(prefix.end());
    }
    return false;
  }

  /** The channel count of an ffmpeg layout description, or 0 if it is not known here. */
  static int channels(String layout) {
    Integer named = NAMED_LAYOUTS.get(layout.toLowerCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    Matcher count = COUNT.matcher(layout);
    if (count.matches()) {
      return Integer.parseInt(count.group(1));
    }
    Matcher surround = SURROUND.matcher(layout);
    if (surround.matches()) {
      return Integer.parseInt(surround.group(1)) + Integer.parseInt(surround.group(2));
    }
    return 0;
  }

  /** The container's duration once the dump has stated it, in seconds (0: none, or not yet). */
  public synchronized double durationSeconds() {
    return durationSeconds;
  }

  /**
   * The facts, if the dump had them all; a container without a duration gets {@code
   * extractedSeconds}, the duration of the audio ffmpeg wrote.
   */
  public synchronized Optional<MediaInfo> info(long sizeBytes, double extractedSeconds) {
    if (formatName == null
        || formatName.isBlank()
        || !durationRead
        || audioCodec == null
        || sampleRate <= 0
        || channels <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new MediaInfo(
            durationSeconds > 0 ? durationSeconds : extractedSeconds,
            formatName,
            audioCodec,
            sampleRate,
            channels,
            sizeBytes));
  }
}
