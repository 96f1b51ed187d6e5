package org.sttplatform.gpu.whisper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.model.Transcript.Segment;

/**
 * The Java-side segment post-processing of the whisper.cpp binding: openai-whisper's no-speech rule
 * and hallucination filter (whisper.cpp 1.7.1 has neither), and segment numbering.
 */
final class SegmentFilters {

  // the recognizer's logger, so that the drop messages keep the category they have always had
  private static final Logger LOG = LoggerFactory.getLogger(WhisperCppRecognizer.class);

  private SegmentFilters() {}

  /** The segments with ids 1..n in their order. */
  static List<Segment> renumber(List<Segment> segs) {
    List<Segment> out = new ArrayList<>(segs.size());
    int id = 1;
    for (Segment x : segs) {
      out.add(withId(x, id++));
    }
    return List.copyOf(out);
  }

  /** The segment with another id. */
  static Segment withId(Segment x, int id) {
    return new Segment(
        id,
        x.start(),
        x.end(),
        x.text(),
        x.tokens(),
        x.avgLogprob(),
        x.compressionRatio(),
        x.noSpeechProb(),
        x.words());
  }

  /**
   * openai-whisper's no-speech rule, per window: drops every segment of a window whose
   * no_speech_prob (shared by its segments) is above {@code noSpeechThreshold} and whose average
   * token log-probability (over the text tokens of all its segments) is not above {@code
   * logprobThreshold}.
   *
   * @param windows the window of each segment (same order); -1 if unknown (never dropped)
   */
  static List<Segment> dropSilentWindows(
      List<Segment> segs, int[] windows, double noSpeechThreshold, double logprobThreshold) {
    if (segs.isEmpty() || !(noSpeechThreshold < Double.POSITIVE_INFINITY)) {
      return segs;
    }
    Map<Integer, double[]> sums = new HashMap<>(); // window -> {sum, count}
    for (int i = 0; i < segs.size(); i++) {
      Segment seg = segs.get(i);
      double[] sum = sums.computeIfAbsent(windows[i], w -> new double[2]);
      sum[0] += seg.avgLogprob() * seg.tokens().size();
      sum[1] += seg.tokens().size();
    }
    List<Segment> kept = new ArrayList<>(segs.size());
    for (int i = 0; i < segs.size(); i++) {
      Segment seg = segs.get(i);
      double[] sum = sums.get(windows[i]);
      double avgLogprob = sum[1] == 0 ? 0.0 : sum[0] / sum[1];
      boolean silent =
          windows[i] >= 0
              && seg.noSpeechProb() > noSpeechThreshold
              && !(avgLogprob > logprobThreshold);
      if (silent) {
        LOG.debug(
            "dropping segment {} [{}-{}] of a silent window (no_speech_prob {}, avg_logprob {})",
            seg.text(),
            seg.start(),
            seg.end(),
            seg.noSpeechProb(),
            avgLogprob);
        continue;
      }
      kept.add(seg);
    }
    return kept;
  }

  /**
   * The hallucination post-filter: drops a segment whose no_speech_prob exceeds {@code
   * noSpeechThreshold} and whose avg_logprob is below -1 when the silence before it (since the
   * previous kept segment of the same clip, or the clip start) and after it (until the next segment
   * of the same clip, or the clip end) both last at least {@code silence} seconds.
   *
   * @param clipBounds [start, end] seconds of the clip of each segment (same order)
   */
  static List<Segment> dropSilentHallucinations(
      List<Segment> segs, List<double[]> clipBounds, double silence, double noSpeechThreshold) {
    List<Segment> kept = new ArrayList<>();
    double prevEnd = Double.NaN;
    double prevClipStart = Double.NaN;
    for (int i = 0; i < segs.size(); i++) {
      Segment seg = segs.get(i);
      double[] bounds = clipBounds.get(i);
      double before =
          seg.start()
              - (prevClipStart == bounds[0] && !Double.isNaN(prevEnd) ? prevEnd : bounds[0]);
      double nextStart =
          i + 1 < segs.size() && clipBounds.get(i + 1)[0] == bounds[0]
              ? segs.get(i + 1).start()
              : bounds[1];
      double after = nextStart - seg.end();
      boolean drop =
          seg.noSpeechProb() > noSpeechThreshold
              && seg.avgLogprob() < -1.0
              && before >= silence
              && after >= silence;
      if (drop) {
        LOG.debug("dropping likely hallucination {} [{}-{}]", seg.text(), seg.start(), seg.end());
        continue;
      }
      kept.add(seg);
      prevEnd = seg.end();
      prevClipStart = bounds[0];
    }
    return kept;
  }
}
