package org.sttplatform.gpu.activity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sttplatform.gpu.vad.SileroVad;
import org.sttplatform.gpu.vad.SpeechRegion;
import org.sttplatform.gpu.vad.VadParameters;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.VadOptions;

/**
 * {@code vad_filter}: finds the speech regions, then has the engine decode only those, through the
 * same path as {@code clip_timestamps} (one clip per region, times shifted back to the original
 * timeline). With {@code clip_timestamps} too, only speech inside the clips is decoded. whisper.cpp
 * skips input shorter than 1 s, so a shorter region is widened to 1 s around its middle (within the
 * audio), and regions that then touch are merged.
 */
final class VadStep {

  /** whisper.cpp ignores shorter input ("input is too short"). */
  static final double MIN_CLIP_SECONDS = 1.0;

  private VadStep() {}

  /**
   * What the step found.
   *
   * @param settings the settings with the regions as clips; {@code null} if there is no speech to
   *     decode (the engine must not run: skipped audio never produces text)
   * @param vad the regions and speech ratio for the transcript
   */
  record Outcome(RecognitionSettings settings, Transcript.Vad vad) {}

  /**
   * The user's options with faster-whisper's defaults filled in.
   *
   * @throws IllegalArgumentException for an out-of-range option
   */
  static VadParameters parameters(VadOptions o) {
    VadParameters d = VadParameters.defaults();
    if (o == null) {
      return d;
    }
    return new VadParameters(
        o.threshold() == null ? d.threshold() : o.threshold(),
        o.negThreshold(),
        o.minSpeechDurationMs() == null ? d.minSpeechDurationMs() : o.minSpeechDurationMs(),
        o.maxSpeechDurationS() == null ? d.maxSpeechDurationS() : o.maxSpeechDurationS(),
        o.minSilenceDurationMs() == null ? d.minSilenceDurationMs() : o.minSilenceDurationMs(),
        o.speechPadMs() == null ? d.speechPadMs() : o.speechPadMs());
  }

  /** Runs the model over {@code audio} and maps its regions onto {@code settings}. */
  static Outcome run(
      SileroVad vad,
      AudioSource audio,
      VadOptions options,
      RecognitionSettings settings,
      BooleanSupplier stopRequested)
      throws IOException {
    long started = System.nanoTime();
    List<SpeechRegion> regions = vad.detect(audio, parameters(options), null, stopRequested);
    double seconds = (System.nanoTime() - started) / 1e9;
    double audioSeconds = audio.sampleCount() / (double) SpeechRegion.SAMPLE_RATE;
    List<Transcript.Region> found = new ArrayList<>(regions.size());
    long speech = 0;
    for (SpeechRegion r : regions) {
      found.add(new Transcript.Region(round(r.startSeconds()), round(r.endSeconds())));
      speech += r.end() - r.start();
    }
    double ratio = audio.sampleCount() == 0 ? 0 : speech / (double) audio.sampleCount();
    Transcript.Vad result = new Transcript.Vad(List.copyOf(found), round(ratio), round(seconds));
    List<double[]> clips = clips(regions, settings.clips(), audioSeconds);
    return new Outcome(clips.isEmpty() ? null : withClips(settings, clips), result);
  }

  /**
   * The regions as [start, end) seconds clips, cut to the user's {@code userClips} if any, widened
   * to {@link #MIN_CLIP_SECONDS} and merged where they then overlap.
   */
  static List<double[]> clips(
      List<SpeechRegion> regions, List<double[]> userClips, double audioSeconds) {
    List<double[]> spans = new ArrayList<>();
    for (SpeechRegion r : regions) {
      double s = r.startSeconds();
      double e = r.endSeconds();
      if (userClips == null || userClips.isEmpty()) {
        spans.add(new double[] {s, e});
      } else {
        for (double[] c : userClips) {
          double from = Math.max(s, c[0]);
          double to = Math.min(e, c[1]);
          if (to > from) {
            spans.add(new double[] {from, to});
          }
        }
      }
    }
    for (double[] span : spans) {
      double missing = MIN_CLIP_SECONDS - (span[1] - span[0]);
      if (missing > 0) {
        span[0] = Math.max(0, span[0] - missing / 2);
        span[1] = Math.min(audioSeconds, span[0] + MIN_CLIP_SECONDS);
        span[0] = Math.max(0, span[1] - MIN_CLIP_SECONDS);
      }
    }
    spans.sort(Comparator.comparingDouble(a -> a[0]));
    List<double[]> merged = new ArrayList<>();
    for (double[] span : spans) {
      double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && span[0] <= last[1]) {
        last[1] = Math.max(last[1], span[1]);
      } else {
        merged.add(span);
      }
    }
    return List.copyOf(merged);
  }

  private static RecognitionSettings withClips(RecognitionSettings s, List<double[]> clips) {
    return new RecognitionSettings(
        s.language(),
        s.translate(),
        s.temperatures(),
        s.compressionRatioThreshold(),
        s.noSpeechThreshold(),
        s.conditionOnPreviousText(),
        s.initialPrompt(),
        s.wordTimestamps(),
        s.prependPunctuations(),
        s.appendPunctuations(),
        clips,
        s.hallucinationSilenceThreshold(),
        s.threads());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
