package org.sttplatform.gpu.activity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.gpu.model.ModelUnavailableException;
import org.sttplatform.gpu.vad.SileroVad;
import org.sttplatform.gpu.vad.SpeechRegion;
import org.sttplatform.gpu.vad.VadParameters;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.pipeline.component.TranscribeSplit;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/**
 * A long file's parts (docs/components.md, "Long files in parallel"): the plan from the speech
 * pauses ({@link SplitPlanner}), each part as a {@code transcribe} of its clip (the same engine,
 * pool and failure types as {@link TranscribeComponentImpl}; whisper.cpp gives the clip's times on
 * the whole audio's timeline and reads only the clip of a long WAV), and the stitch.
 */
public final class TranscribeSplitImpl implements TranscribeSplit {
  /**
   * Pauses for cutting, not regions for decoding: silero-vad's own short silence (300 ms) and small
   * padding (100 ms), so that the pauses between sentences show and their middle is silent.
   */
  static final VadParameters PAUSES =
      new VadParameters(0.5, null, 250, Double.POSITIVE_INFINITY, 300, 100);

  private static final Logger log = LoggerFactory.getLogger(TranscribeSplitImpl.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final TranscriptionActivitiesImpl engine;

  public TranscribeSplitImpl(TranscriptionActivitiesImpl engine) {
    this.engine = engine;
  }

  /** The transcript file of part {@code number}, beside the audio. */
  static String partFile(int number) {
    return "transcript.part-" + number + ".json";
  }

  @Override
  public SplitPlan plan(PlanInput input) {
    Path audio = AudioInput.localFile(engine.files(), input.audio());
    ActivityExecutionContext context = Activity.getExecutionContext();
    try (WavReader.Samples samples = AudioInput.open(audio)) {
      double seconds = samples.sampleCount() / (double) WavReader.SAMPLE_RATE;
      SileroVad detector = pauseDetector(audio);
      AtomicLong scanned = new AtomicLong();
      List<Part> parts =
          SplitPlanner.plan(
              seconds,
              input.spanSeconds(),
              (from, to) -> {
                if (detector == null) {
                  return List.of(new double[] {from, to});
                }
                AudioSource window = AudioSource.window(samples, sample(from), sample(to));
                scanned.addAndGet(window.sampleCount());
                List<double[]> speech = new ArrayList<>();
                for (SpeechRegion r :
                    detector.detect(
                        window,
                        PAUSES,
                        null,
                        () -> {
                          context.heartbeat(null); // throttled; throws once the run is cancelled
                          return false;
                        })) {
                  speech.add(new double[] {from + r.startSeconds(), from + r.endSeconds()});
                }
                return speech;
              });
      log.info(
          "{}: {} s in {} part(s) at the pauses near every {} s ({} s searched for them)",
          audio,
          Math.round(seconds),
          parts.size(),
          input.spanSeconds(),
          Math.round(scanned.get() / (double) WavReader.SAMPLE_RATE));
      return new SplitPlan(parts);
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }

  /** The VAD model, or {@code null} (logged) if it cannot be had. */
  private SileroVad pauseDetector(Path audio) {
    try {
      return engine.vadModels().get();
    } catch (ModelUnavailableException e) {
      // Cutting at the span boundaries is still correct, only more often inside a word.
      log.warn("No pauses for the split of {}, cut at the span boundaries: {}", audio, e);
      return null;
    }
  }

  private static long sample(double seconds) {
    return Math.round(seconds * WavReader.SAMPLE_RATE);
  }

  @Override
  public TranscriptRef part(Map<String, Object> input) {
    TranscribeStepInput step = JSON.convertValue(input, TranscribeStepInput.class);
    if (!(input.get("part") instanceof Number number) || number.intValue() < 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "A part needs its number ('part', from 1)", Failures.INVALID_OPTIONS);
    }
    boolean translate = TranscribeComponentImpl.translate(step);
    long taskId = step.taskId() == null ? 0 : step.taskId();
    return engine.transcribe(
        new TranscribeInput(
            taskId, step.audio(), translate, step.model(), TranscribeComponentImpl.options(step)),
        partFile(number.intValue()),
        null); // parts overlap in time and ids: the live file is one pass's
  }

  @Override
  public TranscribeOutput stitch(StitchInput input) {
    if (input.parts() == null || input.parts().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Nothing to stitch: no parts", Failures.INVALID_OPTIONS);
    }
    List<Transcript> parts = new ArrayList<>();
    for (TranscriptRef ref : input.parts()) {
      parts.add(TranscribeComponentImpl.read(engine.files().localFile(ref.key())));
    }
    Transcript whole = stitch(parts);
    Path file =
        engine
            .files()
            .localFile(input.parts().get(0).key())
            .resolveSibling(TranscriptionActivitiesImpl.TRANSCRIPT_FILE);
    TranscriptFile.write(whole, file);
    TranscriptRef ref =
        new TranscriptRef(
            engine.files().put(file),
            whole.language(),
            whole.languageProbability(),
            whole.segments().size(),
            whole.engineSeconds());
    return TranscribeComponentImpl.output(input.taskId(), input.inline(), whole, ref);
  }

  /**
   * The parts as one transcript: their segments in order, ids renumbered from 1, words and decoder
   * statistics kept (times are already on the whole audio's timeline); the text joined as the
   * engine joins its own pieces; language, model and VAD of the first part (each part ran VAD on
   * the whole audio and found the same regions), the engine time summed.
   */
  static Transcript stitch(List<Transcript> parts) {
    List<Transcript.Segment> segments = new ArrayList<>();
    double engineSeconds = 0;
    for (Transcript part : parts) {
      for (Transcript.Segment s : part.segments()) {
        segments.add(
            new Transcript.Segment(
                segments.size() + 1,
                s.start(),
                s.end(),
                s.text(),
                s.tokens(),
                s.avgLogprob(),
                s.compressionRatio(),
                s.noSpeechProb(),
                s.words()));
      }
      engineSeconds += part.engineSeconds();
    }
    Transcript first = parts.get(0);
    String language = first.language();
    double probability = first.languageProbability();
    for (Transcript part : parts) {
      if (!part.segments().isEmpty()) { // a silent first part may have detected nothing useful
        language = part.language();
        probability = part.languageProbability();
        break;
      }
    }
    return new Transcript(
        Transcript.textOf(segments),
        language,
        probability,
        first.duration(),
        first.engine(),
        first.model(),
        Math.round(engineSeconds * 1000) / 1000.0,
        List.copyOf(segments),
        first.vad());
  }
}
