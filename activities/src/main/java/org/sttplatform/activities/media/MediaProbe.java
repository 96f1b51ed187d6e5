package org.sttplatform.activities.media;

import com.github.kokorin.jaffree.JaffreeException;
import com.github.kokorin.jaffree.ffprobe.FFprobeResult;
import com.github.kokorin.jaffree.ffprobe.Format;
import com.github.kokorin.jaffree.ffprobe.Stream;
import com.github.kokorin.jaffree.log.LogMessage;
import com.github.kokorin.jaffree.process.JaffreeAbnormalExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.MediaInfo;

/**
 * Reads what a media file holds with ffprobe (through Jaffree). Used by the CPU worker's {@code
 * probe} activity and by the API synchronously at upload time. Thread-safe; each call runs one
 * ffprobe process, except for a 16-bit PCM WAV file, whose header {@link PcmWav} reads in Java.
 */
public final class MediaProbe {

  private final FfmpegTools tools;

  /** A probe using the ffprobe on the {@code PATH}. */
  public MediaProbe() {
    this(FfmpegTools.onPath());
  }

  public MediaProbe(FfmpegTools tools) {
    this.tools = Objects.requireNonNull(tools, "tools");
  }

  /**
   * Probes {@code file}.
   *
   * @return duration (from the container, else from the audio stream, else 0), format, and the
   *     first audio stream's codec, sample rate and channels
   * @throws MediaProblem {@link Failures#BAD_MEDIA} if the file is missing, empty or unreadable by
   *     ffprobe; {@link Failures#NO_AUDIO_STREAM} if it has no audio stream
   */
  public MediaInfo probe(Path file) throws MediaProblem {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new MediaProblem(
          Failures.BAD_MEDIA, "The media file does not exist: " + file.getFileName(), e);
    } catch (IOException e) {
      throw new MediaProblem(
          Failures.BAD_MEDIA, "The media file cannot be read: " + file.getFileName(), e);
    }
    if (size == 0) {
      throw new MediaProblem(Failures.BAD_MEDIA, "The media file is empty (0 bytes)");
    }
    // ffprobe would only restate the header: the allowlist, the audio stream and its duration.
    Optional<PcmWav> wav = plainWav(file);
    if (wav.isPresent()) {
      return wav.get().info();
    }

    FFprobeResult result;
    try {
      result =
          PromptFFprobe.inDir(tools.binDir())
              .setShowStreams(true)
              .setShowFormat(true)
              // ffprobe puts extra arguments before "-i": this option applies to the input.
              .addArguments("-format_whitelist", FfmpegTools.DEMUXER_ALLOWLIST)
              .setInput(file)
              .execute();
    } catch (JaffreeAbnormalExitException e) {
      List<String> lines = linesUnlessMachineFailure(e, file);
      Optional<String> refused = FfmpegErrors.refusedFormat(lines);
      if (refused.isPresent()) {
        throw new MediaProblem(Failures.BAD_MEDIA, FfmpegErrors.notAccepted(refused.get()), e);
      }
      throw new MediaProblem(
          Failures.BAD_MEDIA,
          "ffprobe cannot read the file: " + describeErrors(e.getProcessErrorLogMessages(), file),
          e);
    } catch (JaffreeException e) {
      // ffprobe missing or not startable: a problem of this machine, not of the media.
      throw new IllegalStateException("Cannot run ffprobe: " + e.getMessage(), e);
    }

    Format format = result.getFormat();
    String formatName = format == null ? null : format.getFormatName();
    if (!FfmpegTools.allowedFormat(formatName)) {
      // Normally refused by -format_whitelist already; this also covers a missing format name.
      throw new MediaProblem(
          Failures.BAD_MEDIA,
          FfmpegErrors.notAccepted(formatName == null ? "unknown" : formatName));
    }

    List<Stream> streams = result.getStreams() == null ? List.of() : result.getStreams();
    Optional<Stream> audio = streams.stream().filter(s -> "audio".equals(codecType(s))).findFirst();
    if (audio.isEmpty()) {
      throw new MediaProblem(
          Failures.NO_AUDIO_STREAM,
          "The media has no audio stream ("
              + (streams.isEmpty() ? "no streams found" : "streams found: " + describe(streams))
              + ")");
    }
    Stream a = audio.get();
    double duration = positive(format == null ? null : format.getProbeData().getDouble("duration"));
    if (duration == 0) {
      duration = positive(a.getProbeData().getDouble("duration"));
    }
    if (duration == 0 && !hasAudioPacket(file)) {
      // A valid header with zero samples (e.g. a WAV whose data chunk is empty): nothing to
      // transcribe, and ffmpeg's extraction would fail later with a less useful message.
      throw new MediaProblem(
          Failures.NO_AUDIO_STREAM,
          "The media has no audio: its audio stream ("
              + (a.getCodecName() == null ? "unknown codec" : a.getCodecName())
              + ") is empty");
    }
    return new MediaInfo(
        duration,
        formatName,
        a.getCodecName(),
        a.getSampleRate() == null ? 0 : a.getSampleRate(),
        a.getChannels() == null ? 0 : a.getChannels(),
        size);
  }

  private static Optional<PcmWav> plainWav(Path file) {
    try {
      return PcmWav.read(file);
    } catch (IOException unreadable) {
      return Optional.empty(); // ffprobe's verdict explains it
    }
  }

  /**
   * ffprobe's error lines, unless it was killed (e.g. out of memory) or hit an I/O error: a problem
   * of this machine, thrown as a retryable failure.
   */
  private static List<String> linesUnlessMachineFailure(JaffreeAbnormalExitException e, Path file) {
    List<String> lines = FfmpegErrors.lines(e.getProcessErrorLogMessages());
    Optional<IllegalStateException> machine =
        FfmpegErrors.machineFailure("ffprobe", lines, e, file);
    if (machine.isPresent()) {
      throw machine.get();
    }
    return lines;
  }

  /**
   * Whether the first audio stream has at least one packet. Asked only when neither the container
   * nor the stream states a duration, which is also the case of some streams that do hold audio
   * (raw ADTS, live-style Matroska): ffprobe demuxes up to the first audio packet and stops ({@code
   * -read_intervals %+#1} counts only the selected stream's packets), so even a large file is not
   * read through, and nothing is decoded.
   */
  private boolean hasAudioPacket(Path file) {
    FFprobeResult result;
    try {
      result =
          PromptFFprobe.inDir(tools.binDir())
              .setSelectStreams("a:0")
              .setCountPackets(true)
              .setReadIntervals("%+#1")
              .setShowEntries("stream=nb_read_packets")
              .addArguments("-format_whitelist", FfmpegTools.DEMUXER_ALLOWLIST)
              .setInput(file)
              .execute();
    } catch (JaffreeAbnormalExitException e) {
      linesUnlessMachineFailure(e, file);
      // The first probe read the file; failing to read a packet means there is none to read.
      return false;
    } catch (JaffreeException e) {
      throw new IllegalStateException("Cannot run ffprobe: " + e.getMessage(), e);
    }
    List<Stream> streams = result.getStreams() == null ? List.of() : result.getStreams();
    return streams.stream().map(Stream::getNbReadPackets).anyMatch(n -> n != null && n > 0);
  }

  private static String codecType(Stream s) {
    String type = s.getProbeData().getString("codec_type");
    return type == null ? "unknown" : type.toLowerCase(Locale.ROOT);
  }

  private static String describe(List<Stream> streams) {
    List<String> parts = new ArrayList<>();
    for (Stream s : streams) {
      String codec = s.getCodecName();
      parts.add(codecType(s) + (codec == null ? "" : " " + codec));
    }
    return String.join(", ", parts);
  }

  private static double positive(Double d) {
    return d == null || d.isNaN() || d.isInfinite() || d < 0 ? 0 : d;
  }

  /**
   * ffprobe's error lines without the {@code [demuxer @ 0x…]} prefixes and without the file's full
   * path: the conclusive "{@code <file>: <error>}" line first, then the first detail line.
   */
  static String describeErrors(List<LogMessage> messages, Path file) {
    List<String> lines = new ArrayList<>();
    if (messages != null) {
      for (LogMessage m : messages) {
        if (m != null && m.message != null) {
          for (String line : m.message.split("\\R")) {
            if (!line.isBlank()) {
              lines.add(line.strip());
            }
          }
        }
      }
    }
    return FfmpegErrors.summarize(lines, file, 1);
  }
}
