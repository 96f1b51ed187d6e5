package org.sttplatform.activities.subtitles;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.sttplatform.workflows.model.Transcript;

/**
 * Writes a stored transcript as SRT, WebVTT, plain text, whisper's TSV or JSON, streaming: only one
 * segment's cues are in memory at a time, so a transcript of hours is never built as one string.
 *
 * <p>SRT and VTT cues are numbered from 1 (WebVTT's unless {@link SubtitleOptions#vttCueNumbers} is
 * off), trimmed, never empty, and shaped by {@link SubtitleOptions} ({@link CueBuilder}); an SRT
 * text line never holds the timing arrow {@code -->}; times are milliseconds, {@code HH:MM:SS,mmm}
 * (SRT) or {@code HH:MM:SS.mmm} (VTT), with as many hour digits as needed. TXT is one line per
 * segment, TSV is {@code start<TAB>end<TAB>text} per segment in milliseconds, JSON is the
 * transcript itself. Thread-safe (stateless).
 */
public final class SubtitleWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private SubtitleWriter() {}

  /**
   * Checks that {@code transcript} can be written as asked, before anything is written (an HTTP
   * answer can still be an error then).
   *
   * @throws InvalidSubtitleRequest if words are to be highlighted but no segment has word timings
   */
  public static void check(Transcript transcript, SubtitleFormat format, SubtitleOptions options) {
    if (options.highlightWords() && format.hasCues() && !hasWordTimings(transcript)) {
      throw new InvalidSubtitleRequest(
          "Parameter '"
              + SubtitleOptions.HIGHLIGHT_WORDS
              + "' needs word timings, and this transcript has none; transcribe with"
              + " word_timestamps=true, or leave highlight_words false");
    }
  }

  /** Whether some segment of the transcript has timed words. */
  public static boolean hasWordTimings(Transcript transcript) {
    for (Transcript.Segment s : segments(transcript)) {
      if (CueBuilder.hasWords(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes {@code transcript} to {@code out} as UTF-8; flushes it, does not close it.
   *
   * @throws InvalidSubtitleRequest see {@link #check}
   */
  public static void write(
      Transcript transcript, SubtitleFormat format, SubtitleOptions options, OutputStream out)
      throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    write(transcript, format, options, writer);
    writer.flush();
  }

  /**
   * Writes {@code transcript} to {@code out}; does not flush or close it.
   *
   * @throws InvalidSubtitleRequest see {@link #check}
   */
  public static void write(
      Transcript transcript, SubtitleFormat format, SubtitleOptions options, Writer out)
      throws IOException {
    check(transcript, format, options);
    switch (format) {
      case SRT -> cues(transcript, options, out, ',', true, SubtitleWriter::escapeSrt);
      case VTT -> {
        out.write("WEBVTT\n\n");
        cues(transcript, options, out, '.', options.vttCueNumbers(), SubtitleWriter::escapeVtt);
      }
      case TXT -> {
        for (Transcript.Segment s : segments(transcript)) {
          String text = TextUnits.normalize(s.text()).strip();
          if (!text.isEmpty()) {
            out.write(text);
            out.write('\n');
          }
        }
      }
      case TSV -> {
        out.write("start\tend\ttext\n");
        for (Transcript.Segment s : segments(transcript)) {
          String text = TextUnits.normalize(s.text()).strip();
          if (!text.isEmpty()) {
            long start = CueBuilder.millis(s.start());
            long end = Math.max(start, CueBuilder.millis(s.end()));
            out.write(start + "\t" + end + "\t" + text + "\n");
          }
        }
      }
      case JSON -> JSON.writeValue(out, transcript);
    }
  }

  private static void cues(
      Transcript transcript,
      SubtitleOptions options,
      Writer out,
      char millisSeparator,
      boolean numbered,
      UnaryOperator<String> escape)
      throws IOException {
    CueBuilder builder = new CueBuilder(options);
    long number = 0;
    for (Transcript.Segment segment : segments(transcript)) {
      for (Cue cue : builder.cues(segment)) {
        for (Highlights.Frame frame : Highlights.frames(cue, options.highlightWords(), escape)) {
          number++;
          if (numbered) {
            out.write(Long.toString(number));
            out.write('\n');
          }
          out.write(timestamp(frame.startMs(), millisSeparator));
          out.write(" --> ");
          out.write(timestamp(frame.endMs(), millisSeparator));
          out.write('\n');
          for (String line : frame.lines()) {
            out.write(line);
            out.write('\n');
          }
          out.write('\n');
        }
      }
    }
  }

  private static List<Transcript.Segment> segments(Transcript transcript) {
    return transcript == null || transcript.segments() == null ? List.of() : transcript.segments();
  }

  /** {@code HH:MM:SS<sep>mmm}; hours take more digits past 99. */
  static String timestamp(long millis, char separator) {
    long ms = Math.max(0, millis);
    long hours = ms / 3_600_000;
    long minutes = ms / 60_000 % 60;
    long seconds = ms / 1000 % 60;
    // ROOT: ASCII digits whatever the default locale.
    return String.format(
        Locale.ROOT, "%02d:%02d:%02d%c%03d", hours, minutes, seconds, separator, ms % 1000);
  }

  /**
   * SRT cue text: the timing arrow {@code -->} as {@code ->}, so that no text line reads as a
   * timing line (SRT has no escapes).
   */
  static String escapeSrt(String text) {
    return text.replace("-->", "->");
  }

  /** WebVTT cue text: {@code &}, {@code <} and {@code >} as character references. */
  static String escapeVtt(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
