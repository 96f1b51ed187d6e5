package org.sttplatform.gpu.whisper;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.model.Transcript.Segment;

/**
 * Hands the final segments of a {@link RecognitionRun} to a {@link SegmentListener} while its
 * whisper_full calls still run: a window's segments once the window is complete, after its
 * no-speech rule, numbered as {@link SegmentFilters#renumber} will number the run's result. A
 * failure (of the listener or of reading the segments) stops the delivery, never the run: it is
 * called from whisper.cpp's thread, where an exception cannot go anywhere.
 */
final class LiveSegments {

  // the recognizer's logger, so that the messages keep the category they have always had
  private static final Logger LOG = LoggerFactory.getLogger(WhisperCppRecognizer.class);

  private final WhisperCppRecognizer model;
  private final StateReader reader;
  private final SegmentWindows windows;
  private final RecognitionSettings s;

  /** Receives the final segments while the run goes on; null for none (or after it threw). */
  private SegmentListener listener;

  private int[] currentClip;
  private int read; // segments of the current clip's whisper_full already handed over
  private int sent; // segments handed over in this run: the next one's id is this + 1

  LiveSegments(
      WhisperCppRecognizer model,
      StateReader reader,
      SegmentWindows windows,
      RecognitionSettings s) {
    this.model = model;
    this.reader = reader;
    this.windows = windows;
    this.s = s;
  }

  /** Where to send the segments; null for nowhere. */
  void listener(SegmentListener listener) {
    this.listener = listener;
  }

  /** A clip's whisper_full call starts: none of its segments has been handed over. */
  void startClip(int[] clip) {
    currentClip = clip;
    read = 0;
  }

  /**
   * Hands over the segments the current clip's whisper_full has added since the last call, whose
   * windows are complete. Never throws.
   */
  void sendNew() {
    if (listener == null || s.hallucinationSilenceThreshold() != null) {
      return; // with the hallucination filter, the run's end sends them (it looks ahead)
    }
    try {
      int total = reader.segmentCount();
      if (total <= read) {
        return;
      }
      List<Segment> window = reader.readSegments(currentClip, read, total, false, windows);
      int[] segmentWindows = windows.windowsOf(read, total);
      read = total;
      for (Segment seg :
          SegmentFilters.dropSilentWindows(
              window, segmentWindows, s.noSpeechThreshold(), model.logprobThreshold)) {
        send(seg);
      }
    } catch (Throwable t) {
      LOG.warn("Live segments stopped: {}", t.toString());
      listener = null;
    }
  }

  /** Hands over one segment with the next id. Never throws. */
  void send(Segment seg) {
    if (listener == null) {
      return;
    }
    try {
      listener.onSegment(SegmentFilters.withId(seg, ++sent));
    } catch (Throwable t) {
      LOG.warn("Live segments stopped: the listener failed: {}", t.toString());
      listener = null;
    }
  }
}
