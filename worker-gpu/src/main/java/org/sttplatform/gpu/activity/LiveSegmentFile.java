package org.sttplatform.gpu.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.vad.SpeechTimeline;
import org.sttplatform.gpu.whisper.SegmentListener;
import org.sttplatform.workflows.model.LiveSegment;
import org.sttplatform.workflows.model.Transcript;

/**
 * Writes a task's segments to its live segment file ({@link LiveSegment}) as the engine reports
 * them: one JSON line per segment, flushed per line so that a reader never waits for a buffer.
 * Times are mapped back to the original audio when VAD decoded only the speech, so each line says
 * what the stored transcript will say.
 *
 * <p>Opening truncates the file: a retried attempt starts it again from its first segment. Runs on
 * the engine's thread, so it never throws: a file that cannot be written is logged once and the
 * transcription goes on without it (the API then sends the segments at the end).
 */
final class LiveSegmentFile implements SegmentListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveSegmentFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final SpeechTimeline timeline;
  private OutputStream out;

  private LiveSegmentFile(Path file, SpeechTimeline timeline, OutputStream out) {
    this.file = file;
    this.timeline = timeline;
    this.out = out;
  }

  /**
   * Starts {@code file} empty.
   *
   * @param timeline the VAD timeline the engine decodes, or {@code null} if it decodes the audio
   */
  static LiveSegmentFile open(Path file, SpeechTimeline timeline) {
    OutputStream out = null;
    try {
      Files.createDirectories(file.getParent());
      out =
          new BufferedOutputStream(
              Files.newOutputStream(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE));
    } catch (IOException | RuntimeException e) {
      log.warn("Live segments not written to {}: {}", file, e.toString());
    }
    return new LiveSegmentFile(file, timeline, out);
  }

  @Override
  public void onSegment(Transcript.Segment segment) {
    if (out == null) {
      return;
    }
    try {
      Transcript.Segment s = timeline == null ? segment : timeline.toOriginal(segment);
      out.write(JSON.writeValueAsBytes(new LiveSegment(s.id(), s.start(), s.end(), s.text())));
      out.write('\n');
      out.flush();
    } catch (IOException | RuntimeException e) {
      log.warn("Live segments no longer written to {}: {}", file, e.toString());
      close();
    }
  }

  @Override
  public void close() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      log.debug("Closing {}: {}", file, e.toString());
    }
    out = null;
  }
}
