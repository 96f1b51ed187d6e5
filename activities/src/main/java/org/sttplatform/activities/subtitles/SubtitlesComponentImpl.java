package org.sttplatform.activities.subtitles;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.pipeline.component.ComponentInputs;
import org.sttplatform.workflows.pipeline.component.SubtitlesComponent;
import org.sttplatform.workflows.pipeline.component.io.SubtitlesOutput;

/**
 * The {@code subtitles} component: reads the transcript (given inline, as the transcribe step's
 * output, or as {@code {"key": …}} of a transcript file in the file store), writes one file per
 * format with {@link StoredSubtitles} into {@code results/tasks/<task_id>/subtitles/} when a {@code
 * task_id} is given, else {@code results/runs/<run>/subtitles/}; both outlive the run's working
 * folder. Writing again replaces the files, so a retried attempt is harmless.
 */
public final class SubtitlesComponentImpl implements SubtitlesComponent {
  private static final Logger log = LoggerFactory.getLogger(SubtitlesComponentImpl.class);

  /** Reads both the stored transcript and the transcribe step's smaller output. */
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final DataLayout layout;

  public SubtitlesComponentImpl(DataLayout layout) {
    this.layout = layout;
  }

  @Override
  public SubtitlesOutput subtitles(Map<String, Object> input) {
    List<SubtitleFormat> formats;
    SubtitleOptions options;
    Path resultsDir;
    try {
      formats = formats(input.get("formats"));
      options = SubtitleOptions.from(input);
      resultsDir = resultsDir(input);
    } catch (IllegalArgumentException e) { // InvalidSubtitleRequest, or a bad run key
      throw invalid(e.getMessage());
    }
    Transcript transcript = transcript(input.get("transcript"));
    String name = input.get("name") instanceof String s && !s.isBlank() ? s : "subtitles";
    List<StoredSubtitles.StoredFile> written;
    try {
      written = StoredSubtitles.write(transcript, formats, options, resultsDir, name);
    } catch (InvalidSubtitleRequest e) {
      throw invalid(e.getMessage());
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
    List<SubtitlesOutput.File> files = new ArrayList<>();
    for (StoredSubtitles.StoredFile f : written) {
      files.add(
          new SubtitlesOutput.File(
              f.format().wireName(), f.name(), f.size(), layout.files().put(f.path())));
    }
    log.info(
        "Subtitles written to {}: {}",
        resultsDir,
        files.stream().map(SubtitlesOutput.File::name).toList());
    return new SubtitlesOutput(files);
  }

  private static List<SubtitleFormat> formats(Object value) {
    if (value == null) {
      return List.of(SubtitleFormat.SRT);
    }
    List<?> names = value instanceof List<?> l ? l : List.of(value);
    if (names.isEmpty()) {
      throw new InvalidSubtitleRequest(
          "Parameter 'formats' is empty; give any of "
              + String.join(", ", SubtitleFormat.wireNames()));
    }
    Set<SubtitleFormat> formats = new LinkedHashSet<>();
    for (Object name : names) {
      formats.add(SubtitleFormat.parse("formats", name));
    }
    return List.copyOf(formats);
  }

  /** {@code results/tasks/<task_id>} if given, else {@code results/runs/<workspace>}. */
  private Path resultsDir(Map<String, Object> input) {
    Object taskId = input.get("task_id");
    if (taskId != null) {
      if (!(taskId instanceof Integer || taskId instanceof Long)
          || ((Number) taskId).longValue() < 0) {
        throw new InvalidSubtitleRequest(
            "Invalid value '%s' for parameter 'task_id'; expected a task ID (an integer of at least 0)"
                .formatted(taskId));
      }
      return layout.taskResultsDir(((Number) taskId).longValue());
    }
    Object workspace = input.get(ComponentInputs.WORKSPACE);
    if (!(workspace instanceof String run)) {
      throw new InvalidSubtitleRequest(
          "No run workspace and no 'task_id': nowhere to keep the files");
    }
    return layout.runResultsDir(run);
  }

  private Transcript transcript(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw invalid(
          "Parameter 'transcript' must be an object: the transcribe step's output, a transcript,"
              + " or {\"key\": …} of a transcript file; got "
              + (value == null ? "nothing" : value.getClass().getSimpleName()));
    }
    // The transcribe step's output names its transcript file (TranscriptRef) as "transcript".
    Object key = map.get("transcript") instanceof Map<?, ?> ref ? ref.get("key") : map.get("key");
    boolean inline = map.get("segments") instanceof List<?>;
    if (key instanceof String k) {
      Path file = inside(k);
      // The transcribe step's output names its transcript file (with the words) while the run's
      // working folder exists; once it is gone, its segments still make subtitles.
      if (!inline || Files.isRegularFile(file)) {
        return read(file);
      }
    }
    if (inline) {
      try {
        return JSON.convertValue(map, Transcript.class);
      } catch (IllegalArgumentException e) {
        throw invalid("Parameter 'transcript' is not a transcript: " + e.getMessage());
      }
    }
    throw invalid(
        "Parameter 'transcript' has neither 'segments' nor a transcript file's 'key'; give the"
            + " transcribe step's output or {\"key\": …} of a transcript file");
  }

  private Path inside(String key) {
    try {
      return layout.files().localFile(key);
    } catch (IllegalArgumentException e) {
      throw invalid("The transcript file's key is not a storage key: " + e.getMessage());
    }
  }

  private static Transcript read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The transcript file " + file + " does not exist", Failures.TRANSCRIPT_UNREADABLE);
    }
    try {
      return JSON.readValue(file.toFile(), Transcript.class);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "The transcript file " + file + " cannot be read: " + e.getMessage(),
          Failures.TRANSCRIPT_UNREADABLE,
          e);
    }
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, Failures.INVALID_OPTIONS);
  }
}
