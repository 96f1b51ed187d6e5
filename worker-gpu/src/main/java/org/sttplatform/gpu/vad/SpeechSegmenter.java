package org.sttplatform.gpu.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one speech probability per window into speech regions with faster-whisper's algorithm
 * ({@code get_speech_timestamps}, itself silero-vad's): hysteresis between {@code threshold} and
 * {@code neg_threshold}, a region ends after {@code min_silence_duration_ms} of silence, short
 * regions are dropped, long ones split, then each is padded by {@code speech_pad_ms} (two regions
 * closer than twice the padding share the gap between them).
 *
 * <p>Probabilities are fed one at a time, so nothing proportional to the audio's length is kept but
 * the regions themselves.
 */
public final class SpeechSegmenter {

  private final int window;
  private final double threshold;
  private final double negThreshold;
  private final double minSpeechSamples;
  private final double maxSpeechSamples;
  private final double minSilenceSamples;
  private final double minSilenceSamplesAtMaxSpeech;
  private final long padSamples;

  private final List<long[]> speeches = new ArrayList<>();
  private long index;
  private boolean triggered;
  private long currentStart = -1;
  private long tempEnd;
  private long prevEnd;
  private long nextStart;

  /**
   * @param parameters the options
   * @param windowSamples samples per probability (512 for Silero at 16 kHz)
   */
  public SpeechSegmenter(VadParameters parameters, int windowSamples) {
    int rate = SpeechRegion.SAMPLE_RATE;
    this.window = windowSamples;
    this.threshold = parameters.threshold();
    this.negThreshold = parameters.effectiveNegThreshold();
    this.minSpeechSamples = rate * parameters.minSpeechDurationMs() / 1000.0;
    this.padSamples = (long) rate * parameters.speechPadMs() / 1000;
    this.maxSpeechSamples =
        rate * parameters.maxSpeechDurationS() - windowSamples - 2.0 * padSamples;
    this.minSilenceSamples = rate * parameters.minSilenceDurationMs() / 1000.0;
    this.minSilenceSamplesAtMaxSpeech = rate * 98 / 1000.0;
  }

  /** The probability of the next window. */
  public void accept(float probability) {
    long at = window * index++;
    if (probability >= threshold && tempEnd != 0) {
      tempEnd = 0;
      if (nextStart < prevEnd) {
        nextStart = at;
      }
    }
    if (probability >= threshold && !triggered) {
      triggered = true;
      currentStart = at;
      return;
    }
    if (triggered && at - currentStart > maxSpeechSamples) {
      if (prevEnd != 0) {
        speeches.add(new long[] {currentStart, prevEnd});
        // Silence after prevEnd that has not turned back into speech ends the region there.
        if (nextStart < prevEnd) {
          triggered = false;
          currentStart = -1;
        } else {
          currentStart = nextStart;
        }
        prevEnd = nextStart = tempEnd = 0;
      } else {
        speeches.add(new long[] {currentStart, at});
        currentStart = -1;
        prevEnd = nextStart = tempEnd = 0;
        triggered = false;
        return;
      }
    }
    if (probability < negThreshold && triggered) {
      if (tempEnd == 0) {
        tempEnd = at;
      }
      if (at - tempEnd > minSilenceSamplesAtMaxSpeech) {
        prevEnd = tempEnd;
      }
      if (at - tempEnd < minSilenceSamples) {
        return;
      }
      if (tempEnd - currentStart > minSpeechSamples) {
        speeches.add(new long[] {currentStart, tempEnd});
      }
      currentStart = -1;
      prevEnd = nextStart = tempEnd = 0;
      triggered = false;
    }
  }

  /**
   * The padded regions, once every window has been fed.
   *
   * @param audioSamples the audio's length in samples (the last window may have been zero-padded)
   */
  public List<SpeechRegion> finish(long audioSamples) {
    List<long[]> s = new ArrayList<>(speeches);
    if (currentStart >= 0 && audioSamples - currentStart > minSpeechSamples) {
      s.add(new long[] {currentStart, audioSamples});
    }
    for (int i = 0; i < s.size(); i++) {
      long[] speech = s.get(i);
      if (i == 0) {
        speech[0] = Math.max(0, speech[0] - padSamples);
      }
      if (i != s.size() - 1) {
        long[] next = s.get(i + 1);
        long silence = next[0] - speech[1];
        if (silence < 2 * padSamples) {
          speech[1] += silence / 2;
          next[0] = Math.max(0, next[0] - silence / 2);
        } else {
          speech[1] = Math.min(audioSamples, speech[1] + padSamples);
          next[0] = Math.max(0, next[0] - padSamples);
        }
      } else {
        speech[1] = Math.min(audioSamples, speech[1] + padSamples);
      }
    }
    List<SpeechRegion> regions = new ArrayList<>(s.size());
    for (long[] speech : s) {
      if (speech[1] > speech[0]) {
        regions.add(new SpeechRegion(speech[0], speech[1]));
      }
    }
    return List.copyOf(regions);
  }
}
