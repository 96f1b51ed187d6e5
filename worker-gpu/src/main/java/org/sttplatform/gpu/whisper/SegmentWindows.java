package org.sttplatform.gpu.whisper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 30 s windows of one {@link RecognitionRun}: which window each segment of the current clip's
 * whisper_full call came from, and each window's no_speech_prob. whisper.cpp 1.7.1 reports neither,
 * so the run's callbacks record them as windows are encoded and segments decoded.
 */
final class SegmentWindows {

  /** no_speech_prob by window (counted over the whole run), NaN until computed. */
  private final List<Double> windowNoSpeech = new ArrayList<>();

  /** The window of each segment of the current clip's whisper_full call. */
  private int[] segmentWindow = new int[16];

  /** A clip's whisper_full call starts: its segments are numbered from 0 again. */
  void startClip() {
    Arrays.fill(segmentWindow, -1);
  }

  /** whisper.cpp starts encoding another window. */
  void startWindow() {
    windowNoSpeech.add(Double.NaN);
  }

  /**
   * Tags the last {@code nNew} of the call's {@code total} segments with the window being decoded.
   *
   * @return that window, -1 before the first
   */
  int tagNewSegments(int total, int nNew) {
    int window = windowNoSpeech.size() - 1;
    if (segmentWindow.length < total) {
      segmentWindow = Arrays.copyOf(segmentWindow, Math.max(total, 2 * segmentWindow.length));
    }
    for (int i = Math.max(0, total - nNew); i < total; i++) {
      segmentWindow[i] = window;
    }
    return window;
  }

  /** Whether the window's no_speech_prob is still to be computed. */
  boolean lacksNoSpeech(int window) {
    return Double.isNaN(windowNoSpeech.get(window));
  }

  void setNoSpeech(int window, double probability) {
    windowNoSpeech.set(window, probability);
  }

  /** The windows of segments {@code from} to {@code to} (exclusive); -1 where unknown. */
  int[] windowsOf(int from, int to) {
    int[] windows = new int[to - from];
    for (int i = from; i < to; i++) {
      windows[i - from] = i < segmentWindow.length ? segmentWindow[i] : -1;
    }
    return windows;
  }

  /** The no_speech_prob of the segment's window; 0 when unknown or not computed. */
  double noSpeechOf(int segment) {
    int window = segment < segmentWindow.length ? segmentWindow[segment] : -1;
    return window >= 0 && !Double.isNaN(windowNoSpeech.get(window))
        ? windowNoSpeech.get(window)
        : 0.0;
  }
}
