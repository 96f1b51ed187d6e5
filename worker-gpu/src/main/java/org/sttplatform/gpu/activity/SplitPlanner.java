package org.sttplatform.gpu.activity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sttplatform.workflows.pipeline.component.TranscribeSplit.Part;

/**
 * Where a long file is cut into parts (docs/components.md, "Long files in parallel"): parts of
 * about {@code span} seconds, each cut moved from its span boundary into a pause, so that a word is
 * rarely cut in two. The search starts near the boundary: the longest pause within {@link
 * #NEAR_SECONDS} of it, if it lasts at least {@link #GOOD_PAUSE_SECONDS}; only otherwise the
 * longest within a fifth of a span. Where there is no pause, the cut stays at the boundary. No part
 * after the first is shorter than a quarter of a span: the last part takes up to that much more
 * instead. Only the audio around the cuts is searched for speech ({@link SpeechFinder}): usually 30
 * s per cut, at most that and two fifths of a span, never the whole file.
 */
final class SplitPlanner {
  /**
   * How far from its boundary a cut is first looked for, seconds: speech has pauses every few
   * seconds, and voice activity detection of 30 s per cut costs about 0.2 s on one core of the
   * project's machine, where a fifth of a 10-minute span either side (240 s) cost 1.9 s.
   */
  static final double NEAR_SECONDS = 15;

  /**
   * A pause at least this long near the boundary is taken without looking further: more than twice
   * the detector's own padding of the speech either side, so the cut falls in silence.
   */
  static final double GOOD_PAUSE_SECONDS = 0.5;

  private SplitPlanner() {}

  /** Where the speech lies in part of the audio. */
  @FunctionalInterface
  interface SpeechFinder {
    /**
     * Speech regions as {@code [start, end]} seconds of the whole audio, in time order, within
     * {@code [from, to]} (the pauses are what lies between them); empty if none were found.
     *
     * @throws IOException if the audio cannot be read
     */
    List<double[]> speech(double from, double to) throws IOException;
  }

  /**
   * As {@link #plan(double, double, SpeechFinder)} with the speech regions of the whole audio
   * known.
   */
  static List<Part> plan(double duration, double span, List<double[]> speech) {
    try {
      return plan(duration, span, (from, to) -> speech);
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
  }

  /**
   * @param duration the audio's length in seconds
   * @param span the length aimed at, seconds (positive)
   * @param finder asked once per cut, for the stretch the cut may move in
   * @return the parts end to end from 0 to {@code duration}, times rounded to milliseconds
   * @throws IOException if {@code finder} cannot read the audio
   */
  static List<Part> plan(double duration, double span, SpeechFinder finder) throws IOException {
    if (!(span > 0)) {
      throw new IllegalArgumentException("span must be positive: " + span);
    }
    double reach = span / 5;
    double shortest = span / 4;
    List<Part> parts = new ArrayList<>();
    double at = 0;
    while (duration - at > span + shortest) {
      double target = at + span;
      double from = target - reach;
      double to = Math.min(target + reach, duration - shortest);
      double nearFrom = Math.max(from, target - NEAR_SECONDS);
      double nearTo = Math.min(to, target + NEAR_SECONDS);
      double[] cut =
          bestCut(pauses(duration, finder.speech(nearFrom, nearTo)), nearFrom, nearTo, target);
      boolean wider = nearFrom > from || nearTo < to;
      if (wider && (cut == null || cut[1] < GOOD_PAUSE_SECONDS)) {
        cut = bestCut(pauses(duration, finder.speech(from, to)), from, to, target);
      }
      double next = round(cut == null ? target : cut[0]);
      parts.add(new Part(round(at), next));
      at = next;
    }
    parts.add(new Part(round(at), round(duration)));
    return List.copyOf(parts);
  }

  /** The gaps between the speech regions, the audio's start and its end included. */
  static List<double[]> pauses(double duration, List<double[]> speech) {
    List<double[]> pauses = new ArrayList<>();
    double end = 0;
    for (double[] region : speech) {
      if (region[0] > end) {
        pauses.add(new double[] {end, region[0]});
      }
      end = Math.max(end, region[1]);
    }
    if (duration > end) {
      pauses.add(new double[] {end, duration});
    }
    return pauses;
  }

  /**
   * The middle of the longest pause's part inside {@code [from, to]} (of equally long ones, the one
   * nearer the target) and that part's length; {@code null} if no pause reaches into it.
   */
  private static double[] bestCut(List<double[]> pauses, double from, double to, double target) {
    double[] best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (double[] pause : pauses) {
      double start = Math.max(pause[0], from);
      double end = Math.min(pause[1], to);
      double length = end - start;
      if (length <= 0) {
        continue;
      }
      double middle = (start + end) / 2;
      double distance = Math.abs(middle - target);
      if (best == null || length > best[1] || (length == best[1] && distance < bestDistance)) {
        best = new double[] {middle, length};
        bestDistance = distance;
      }
    }
    return best;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
