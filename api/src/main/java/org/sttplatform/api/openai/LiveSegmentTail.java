package org.sttplatform.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.model.LiveSegment;

/**
 * Follows a task's live segment file ({@link LiveSegment}) while the transcription worker writes
 * it. Each {@link #poll} reads only what was added since the last one (it keeps a byte offset, and
 * reads at most {@link #MAX_READ} bytes a time), so memory stays bounded whatever the file's
 * length; a line counts once it is complete (ends with a newline).
 *
 * <p>Only the next expected id is taken: a retried attempt starts the file again from segment 1 (a
 * file shorter than the offset is read again from its start), and the segments already taken are
 * skipped by their id, so none is taken twice; a line that does not parse (such as the rest of a
 * line cut by the restart) is skipped. A missing or unreadable file reads as nothing new: the
 * caller sends the rest from the stored transcript. Not thread-safe.
 */
final class LiveSegmentTail {
  private static final Logger log = LoggerFactory.getLogger(LiveSegmentTail.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Most bytes one poll reads; a longer line (none is: a segment is a few hundred) is skipped. */
  static final int MAX_READ = 256 * 1024;

  private final Path file;
  private long offset;
  private int lastId;

  LiveSegmentTail(Path file) {
    this.file = file;
  }

  /** The id of the last segment taken, 0 before the first. */
  int lastId() {
    return lastId;
  }

  /** The segments with the next ids among the lines completed since the last poll, in order. */
  List<LiveSegment> poll() {
    ByteBuffer buffer;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < offset) {
        offset = 0; // started again by a retried attempt
      }
      if (size == offset) {
        return List.of();
      }
      buffer = ByteBuffer.allocate((int) Math.min(MAX_READ, size - offset));
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, offset + buffer.position());
        if (n < 0) {
          break;
        }
      }
    } catch (NoSuchFileException e) {
      return List.of(); // not written yet, or gone with the run's working folder
    } catch (IOException e) {
      log.debug("Live segments of {} not read: {}", file, e.toString());
      return List.of();
    }
    byte[] bytes = buffer.array();
    int length = buffer.position();
    List<LiveSegment> taken = new ArrayList<>();
    int lineStart = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        take(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8), taken);
        lineStart = i + 1;
      }
    }
    if (lineStart == 0 && length == MAX_READ) {
      lineStart = length; // a line longer than a read: not a segment, skipped
    }
    offset += lineStart;
    return taken;
  }

  private void take(String line, List<LiveSegment> taken) {
    if (line.isBlank()) {
      return;
    }
    LiveSegment segment;
    try {
      segment = JSON.readValue(line, LiveSegment.class);
    } catch (IOException e) {
      return;
    }
    if (segment.id() == lastId + 1) {
      taken.add(segment);
      lastId = segment.id();
    }
  }
}
