package org.sttplatform.gpu.activity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.LiveSegment;
import org.sttplatform.workflows.model.SearchOptions;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/**
 * The {@code transcribe} component: the same engine, pool and failure types as the seed pipeline's
 * transcription activity ({@link TranscriptionActivitiesImpl}), with the step's parameters mapped
 * to decode options and the transcript returned as the step's output.
 */
public final class TranscribeComponentImpl implements TranscribeComponent {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the step's {@code options}: a fraction given for a count ({@code "beam_size": 2.5}) is an
   * error, not silently truncated as Jackson does by default.
   */
  private static final ObjectMapper OPTIONS =
      new ObjectMapper().configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private final TranscriptionActivitiesImpl engine;

  public TranscribeComponentImpl(TranscriptionActivitiesImpl engine) {
    this.engine = engine;
  }

  @Override
  public TranscribeOutput transcribe(TranscribeStepInput input) {
    boolean translate = translate(input);
    long taskId = input.taskId() == null ? 0 : input.taskId();
    TranscriptRef ref =
        engine.transcribe(
            new TranscribeInput(taskId, input.audio(), translate, input.model(), options(input)),
            liveSegments(input.workspace(), taskId));
    Transcript transcript = read(engine.files().localFile(ref.key()));
    return output(input.taskId(), input.inline(), transcript, ref);
  }

  /**
   * Whether the step translates; fails for an unknown task or a missing audio (the step's fault).
   */
  static boolean translate(TranscribeStepInput input) {
    String task = input.task() == null ? "transcribe" : input.task();
    if (!task.equals("transcribe") && !task.equals("translate")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Invalid task '" + task + "'; expected transcribe or translate",
          Failures.INVALID_OPTIONS);
    }
    if (input.audio() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "No audio was given (expected the output of extract_audio)", Failures.INVALID_OPTIONS);
    }
    return task.equals("translate");
  }

  /** The step's output for {@code transcript}, its text and segments unless not {@code inline}. */
  static TranscribeOutput output(
      Long taskId, Boolean inline, Transcript transcript, TranscriptRef ref) {
    boolean inlined = inline == null || inline;
    List<TranscribeOutput.Segment> segments = null;
    if (inlined) {
      segments = new ArrayList<>();
      for (Transcript.Segment s : transcript.segments()) {
        segments.add(new TranscribeOutput.Segment(s.id(), s.start(), s.end(), s.text()));
      }
    }
    return new TranscribeOutput(
        taskId,
        inlined ? transcript.text() : null,
        transcript.language(),
        transcript.languageProbability(),
        transcript.duration(),
        transcript.model(),
        transcript.segments().size(),
        segments,
        transcript.vad(),
        ref);
  }

  /** Whisper's defaults, overlaid with {@code options} and then the step's named parameters. */
  static DecodeOptions options(TranscribeStepInput input) {
    @SuppressWarnings("unchecked")
    Map<String, Object> merged =
        OPTIONS.convertValue(DecodeOptions.defaults(), LinkedHashMap.class);
    if (input.options() != null) {
      merged.putAll(input.options());
    }
    if (input.language() != null) {
      merged.put("language", input.language());
    }
    if (input.wordTimestamps() != null) {
      merged.put("word_timestamps", input.wordTimestamps());
    }
    if (input.initialPrompt() != null) {
      merged.put("initial_prompt", input.initialPrompt());
    }
    DecodeOptions options;
    try {
      options = OPTIONS.convertValue(merged, DecodeOptions.class);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Invalid decode options: " + e.getMessage(), Failures.INVALID_OPTIONS);
    }
    // checked here too (the engine checks again) so that the step fails before reading its audio
    String search = SearchOptions.problem(options);
    if (search != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Invalid decode options: " + search, Failures.INVALID_OPTIONS);
    }
    return options;
  }

  /** The task's live segment file, for {@code stream=true} requests; none without a task. */
  private Path liveSegments(String workspace, long taskId) {
    if (workspace == null || taskId <= 0) {
      return null;
    }
    try {
      return engine.files().localFile(LiveSegment.key(workspace, taskId));
    } catch (IllegalArgumentException e) {
      return null; // not a working folder key: no run folder to write it into
    }
  }

  static Transcript read(Path file) {
    try {
      return JSON.readValue(file.toFile(), Transcript.class);
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }
}
