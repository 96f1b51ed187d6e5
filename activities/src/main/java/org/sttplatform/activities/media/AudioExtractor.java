package org.sttplatform.activities.media;

import com.github.kokorin.jaffree.JaffreeException;
import com.github.kokorin.jaffree.LogLevel;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResultFuture;
import com.github.kokorin.jaffree.ffmpeg.ProgressListener;
import com.github.kokorin.jaffree.ffmpeg.UrlInput;
import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import com.github.kokorin.jaffree.log.LogMessage;
import com.github.kokorin.jaffree.process.JaffreeAbnormalExitException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.AudioFormat;

/**
 * Converts the first audio stream of a media file to an {@link AudioConversion}: by default what
 * whisper.cpp reads (16 kHz, mono, 16-bit little-endian PCM in a WAV file), or any format of {@link
 * org.sttplatform.workflows.model.AudioFormat}. Runs ffmpeg through Jaffree; writes to a temporary
 * name next to the output and moves it in place when ffmpeg succeeded. Audio that already is the
 * WAV asked for ({@link PcmWav}) is copied without ffmpeg.
 */
public final class AudioExtractor {

  /** Output sample rate of whisper audio. */
  public static final int SAMPLE_RATE = AudioConversion.WHISPER.sampleRate();

  /** Output bytes per second of whisper audio: 16 kHz × 1 channel × 2 bytes. */
  public static final int BYTES_PER_SECOND =
      AudioEncoding.pcmBytesPerSecond(AudioConversion.WHISPER);

  private static final String NO_AUDIO_MARKER = "matches no streams";

  private final FfmpegTools tools;
  private final WarmFfmpeg warm;

  /** An extractor that starts ffmpeg for each extraction. */
  public AudioExtractor(FfmpegTools tools) {
    this(tools, null);
  }

  /**
   * An extractor whose whisper-audio extractions run on {@code warm}'s pre-started processes when
   * one is idle (other conversions start ffmpeg); {@code warm} may be null.
   */
  public AudioExtractor(FfmpegTools tools, WarmFfmpeg warm) {
    this.tools = Objects.requireNonNull(tools, "tools");
    this.warm = warm;
  }

  /**
   * Extracts the audio of {@code input} into {@code output} (replaced if present).
   *
   * @param tickInterval how often {@code tick} is called while ffmpeg runs
   * @param tick called on the calling thread with the media time processed so far, in milliseconds;
   *     an exception it throws (e.g. the activity was cancelled) stops ffmpeg, removes the partial
   *     output and propagates
   * @return the duration of the written audio, in seconds
   * @throws MediaProblem {@link Failures#BAD_MEDIA} if ffmpeg fails or decodes no audio, {@link
   *     Failures#NO_AUDIO_STREAM} if the media has no audio stream
   */
  public double extract(Path input, Path output, Duration tickInterval, LongConsumer tick)
      throws MediaProblem {
    return extract(input, output, AudioConversion.WHISPER, tickInterval, tick);
  }

  /**
   * As {@link #extract(Path, Path, Duration, LongConsumer)}, written as {@code conversion} says.
   *
   * @return the duration of the written audio, in seconds (for a compressed format, as ffmpeg
   *     reports the encoded time)
   */
  public double extract(
      Path input, Path output, AudioConversion conversion, Duration tickInterval, LongConsumer tick)
      throws MediaProblem {
    return extract(input, output, conversion, tickInterval, tick, null);
  }

  /**
   * As {@link #extract(Path, Path, AudioConversion, Duration, LongConsumer)}; with a {@code dump},
   * ffmpeg logs at the {@code info} level and the dump of its input goes to {@code dump} (read it
   * in {@code tick}: it is complete before the first media time is reported). An input that already
   * is the WAV asked for is copied without ffmpeg, and {@code dump} stays empty: {@link MediaProbe}
   * reads such a file in Java.
   */
  public double extract(
      Path input,
      Path output,
      AudioConversion conversion,
      Duration tickInterval,
      LongConsumer tick,
      InputDump dump)
      throws MediaProblem {
    // Unique per call: a stale attempt still running must not delete this one's file.
    Path temp =
        output.resolveSibling("." + output.getFileName() + "." + UUID.randomUUID() + ".part");
    AtomicLong processedMillis = new AtomicLong();
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    boolean done = false;
    WarmFfmpeg.Slot slot = null;
    AutoCloseable warmProgress = null;
    try {
      Files.deleteIfExists(temp);
      Optional<PcmWav> same = sameAudio(input, conversion);
      if (same.isPresent()) {
        same.get().copyTo(input, temp, tick);
        move(temp, output);
        done = true;
        return same.get().durationSeconds();
      }
      slot =
          warm != null && conversion.equals(AudioConversion.WHISPER)
              ? warm.take(WarmFfmpeg.Kind.of(input, dump != null)).orElse(null)
              : null;
      WarmFfmpeg.Slot warmSlot = slot;
      Path written = slot != null ? slot.output() : temp;
      ProgressListener progress =
          p -> {
            Long ms = p.getTimeMillis();
            if (ms != null && ms >= 0) {
              processedMillis.set(ms);
            }
          };
      PromptFFmpeg ffmpeg;
      if (slot != null) {
        ffmpeg = PromptFFmpeg.inDir(tools.binDir()).attach(slot);
        warmProgress = slot.start(input, progress);
      } else {
        ffmpeg = command(tools, input, temp, conversion, dump != null);
        ffmpeg.setProgressListener(progress);
      }
      FFmpegResultFuture future =
          ffmpeg
              .setOutputListener(
                  raw -> {
                    // A warm process names its slot's files: report the extraction's own.
                    String line = warmSlot == null ? raw : warmSlot.unmap(raw, input, temp);
                    if (dump != null) {
                      dump.accept(line);
                      if (InputDump.isInfo(line)) {
                        return;
                      }
                    }
                    if (!line.isBlank()) {
                      errors.add(line);
                    }
                  })
              .executeAsync();
      await(future, tickInterval, () -> tick.accept(processedMillis.get()));
      // Report the final position (the future now completes as soon as ffmpeg exits, often before
      // the next tick would have come). A warm run's progress reader may still be a report behind:
      // whisper audio's duration is read from the file below, not from the progress.
      tick.accept(processedMillis.get());
      // ffmpeg 5.1 exits 0 when only the trailer could not be written (e.g. the disk is full).
      Optional<IllegalStateException> unwritten =
          FfmpegErrors.machineFailure("ffmpeg", new ArrayList<>(errors), null, input, temp);
      if (unwritten.isPresent()) {
        throw unwritten.get();
      }

      double seconds;
      if (conversion.format() == AudioFormat.WAV) {
        seconds = PcmWav.dataBytes(written) / (double) AudioEncoding.pcmBytesPerSecond(conversion);
      } else {
        seconds = processedMillis.get() / 1000.0;
      }
      if (seconds <= 0) {
        throw new MediaProblem(Failures.BAD_MEDIA, "ffmpeg decoded no audio from the media");
      }
      move(written, output);
      done = true;
      return seconds;
    } catch (ExecutionException e) {
      List<String> lines = new ArrayList<>(errors);
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof JaffreeAbnormalExitException abnormal) {
          for (LogMessage m : abnormal.getProcessErrorLogMessages()) {
            String message =
                m == null ? null : slot == null ? m.message : slot.unmap(m.message, input, temp);
            if (message != null && !lines.contains(message)) {
              lines.add(message);
            }
          }
          // A full disk, an I/O error or a kill (e.g. out of memory): retryable, not bad media.
          Optional<IllegalStateException> machine =
              FfmpegErrors.machineFailure("ffmpeg", lines, abnormal, input, temp);
          if (machine.isPresent()) {
            throw machine.get();
          }
          Optional<String> refused = FfmpegErrors.refusedFormat(lines);
          if (refused.isPresent()) {
            throw new MediaProblem(
                Failures.BAD_MEDIA, FfmpegErrors.notAccepted(refused.get()), abnormal);
          }
          String detail = FfmpegErrors.lastLines(lines, 3, input, temp);
          if (detail.contains(NO_AUDIO_MARKER)) {
            throw new MediaProblem(Failures.NO_AUDIO_STREAM, "The media has no audio stream", e);
          }
          throw new MediaProblem(
              Failures.BAD_MEDIA, "ffmpeg cannot extract the audio: " + detail, abnormal);
        }
      }
      throw new IllegalStateException("Cannot run ffmpeg: " + e.getCause(), e.getCause());
    } catch (JaffreeException e) {
      throw new IllegalStateException("Cannot run ffmpeg: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write " + output + ": " + e.getMessage(), e);
    } finally {
      if (slot != null) {
        slot.discard(); // its process has exited (or is killed here); its folder goes
      }
      if (warmProgress != null) {
        try {
          warmProgress.close();
        } catch (Exception ignored) {
          // a progress reader that cannot be closed holds nothing but its pipe
        }
      }
      if (!done) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort; the task's folder is removed at clean-up anyway
        }
      }
    }
  }

  /**
   * ffmpeg converting {@code input} into {@code output} as {@code conversion} says, at the {@code
   * info} log level with the input's dump if {@code dump}, else at {@code error}; listeners unset.
   * Also the command line of {@link WarmFfmpeg}'s processes.
   */
  static PromptFFmpeg command(
      FfmpegTools tools, Path input, Path output, AudioConversion conversion, boolean dump) {
    PromptFFmpeg ffmpeg = PromptFFmpeg.inDir(tools.binDir());
    if (dump) {
      ffmpeg.addArgument("-hide_banner");
    }
    ffmpeg
        .addInput(
            // Input arguments go before its "-i": the allowlist applies to this input.
            UrlInput.fromPath(input)
                .addArguments("-format_whitelist", FfmpegTools.DEMUXER_ALLOWLIST))
        .addOutput(AudioEncoding.output(UrlOutput.toPath(output), conversion))
        .setOverwriteOutput(true)
        .setLogLevel(dump ? LogLevel.INFO : LogLevel.ERROR);
    return ffmpeg;
  }

  /** {@code input}'s header if ffmpeg's conversion would only copy its samples. */
  private static Optional<PcmWav> sameAudio(Path input, AudioConversion conversion) {
    try {
      return PcmWav.read(input).filter(wav -> wav.holds(conversion));
    } catch (IOException unreadable) {
      return Optional.empty(); // ffmpeg's verdict explains it
    }
  }

  private static void await(FFmpegResultFuture future, Duration interval, Runnable tick)
      throws ExecutionException {
    // Ticks are cheap (the heartbeater throttles): frequent ones let a cancel or a worker's
    // hand-back stop ffmpeg within a fraction of a second.
    long pollMillis = Math.max(50, Math.min(200, interval.toMillis()));
    boolean finished = false;
    try {
      while (true) {
        tick.run();
        try {
          future.get(pollMillis, TimeUnit.MILLISECONDS);
          finished = true;
          return;
        } catch (TimeoutException stillRunning) {
          // next tick
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while ffmpeg ran", e);
    } finally {
      if (!finished) {
        // Cancelled (tick threw) or interrupted: do not leave ffmpeg running.
        future.forceStop();
        try {
          future.get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // it was killed
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
