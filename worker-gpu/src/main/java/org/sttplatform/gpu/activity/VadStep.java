package org.sttplatform.gpu.activity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sttplatform.gpu.vad.SileroVad;
import org.sttplatform.gpu.vad.SpeechRegion;
import org.sttplatform.gpu.vad.SpeechTimeline;
import org.sttplatform.gpu.vad.VadParameters;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.VadOptions;

/**
 * {@code vad_filter}: finds the speech regions, then has the engine decode only those, joined end
 * to end as faster-whisper does ({@link SpeechTimeline}); segment and word times are mapped back to
 * the original timeline. With {@code clip_timestamps} too, only speech inside the clips is decoded.
 */
final class VadStep {

  private VadStep() {}

  /**
   * What the step found.
   *
   * @param settings the settings for the joined speech (its clips already applied); {@code null} if
   *     there is no speech to decode (the engine must not run: skipped audio never produces text)
   * @param timeline the speech to decode and the way back to the original times; {@code null} with
   *     {@code settings}
   * @param vad the regions and speech ratio for the transcript
   */
  record Outcome(RecognitionSettings settings, SpeechTimeline timeline, Transcript.Vad vad) {}

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
    List<Transcript.Region> found = new ArrayList<>(regions.size());
    long speech = 0;
    for (SpeechRegion r : regions) {
      found.add(new Transcript.Region(round(r.startSeconds()), round(r.endSeconds())));
      speech += r.end() - r.start();
    }
    double ratio = audio.sampleCount() == 0 ? 0 : speech / (double) audio.sampleCount();
    Transcript.Vad result = new Transcript.Vad(List.copyOf(found), round(ratio), round(seconds));
    List<SpeechRegion> spans = spans(regions, settings.clips());
    if (spans.isEmpty()) {
      return new Outcome(null, null, result);
    }
    return new Outcome(settings.withClips(List.of()), SpeechTimeline.of(spans), result);
  }

  /** The regions cut to the user's {@code clips} (seconds), if any. */
  static List<SpeechRegion> spans(List<SpeechRegion> regions, List<double[]> clips) {
    if (clips == null || clips.isEmpty()) {
      return regions;
    }
    List<SpeechRegion> spans = new ArrayList<>();
    for (SpeechRegion r : regions) {
      for (double[] c : clips) {
        long from = Math.max(r.start(), Math.round(c[0] * SpeechRegion.SAMPLE_RATE));
        long to = Math.min(r.end(), Math.round(c[1] * SpeechRegion.SAMPLE_RATE));
        if (to > from) {
          spans.add(new SpeechRegion(from, to));
        }
      }
    }
    spans.sort(Comparator.comparingLong(SpeechRegion::start));
    List<SpeechRegion> disjoint = new ArrayList<>();
    for (SpeechRegion span : spans) {
      SpeechRegion last = disjoint.isEmpty() ? null : disjoint.get(disjoint.size() - 1);
      if (last != null && span.start() <= last.end()) {
        disjoint.set(
            disjoint.size() - 1, new SpeechRegion(last.start(), Math.max(last.end(), span.end())));
      } else {
        disjoint.add(span);
      }
    }
    return List.copyOf(disjoint);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
