package org.sttplatform.activities;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.AudioConversion;
import org.sttplatform.workflows.model.ProbedAudio;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.io.AudioOutput;
import org.sttplatform.workflows.pipeline.component.io.ExtractAudioInput;
import org.sttplatform.workflows.pipeline.component.io.FetchInput;
import org.sttplatform.workflows.pipeline.component.io.HttpRequestInput;
import org.sttplatform.workflows.pipeline.component.io.HttpRequestOutput;
import org.sttplatform.workflows.pipeline.component.io.MediaInput;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;
import org.sttplatform.workflows.pipeline.component.io.ProbeOutput;
import org.sttplatform.workflows.pipeline.component.io.WorkspaceInput;

/**
 * The built-in CPU components, on the same tools as the seed pipeline's media activities (one
 * download client, SSRF guard, ffprobe and ffmpeg); files go to the run's working folder {@code
 * work/runs/<run>}.
 */
public final class MediaComponentsImpl implements MediaComponents {
  private static final Logger log = LoggerFactory.getLogger(MediaComponentsImpl.class);

  private final MediaActivitiesImpl media;
  private final DataLayout layout;
  private final HttpRequester http;

  /** Components that share {@code media}'s settings, clients and graceful stop. */
  public MediaComponentsImpl(MediaActivitiesImpl media) {
    this.media = media;
    this.layout = media.layout();
    this.http = media.httpRequester();
  }

  @Override
  public MediaOutput fetch(FetchInput input) {
    String ws = input.workspace();
    return new MediaOutput(
        media.fetch("Run " + ws, stepDir(ws), input.url(), input.headers(), input.source()));
  }

  @Override
  public ProbeOutput probe(MediaInput input) {
    return ProbeOutput.of(media.probe(input.media()));
  }

  /**
   * Extracts the audio as the step's options say (default: 16 kHz mono 16-bit WAV). Options that do
   * not fit the format fail the step at once ({@link Failures#INVALID_OPTIONS}, not retried),
   * naming the parameter and its allowed values.
   */
  @Override
  public AudioOutput extractAudio(ExtractAudioInput input) {
    String ws = input.workspace();
    AudioConversion conversion;
    try {
      conversion =
          AudioConversion.of(
              input.format(),
              input.sampleRate(),
              input.channels(),
              input.bitDepth(),
              AudioConversion.WHISPER.sampleRate(),
              AudioConversion.WHISPER.channels(),
              AudioConversion.ParamNames.COMPONENT);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.INVALID_OPTIONS);
    }
    HttpFetcher.WorkDir dir = stepDir(ws);
    if (Boolean.TRUE.equals(input.probe())) {
      ProbedAudio probed = media.probeAndExtract("Run " + ws, dir, input.media(), conversion);
      return new AudioOutput(probed.audio(), ProbeOutput.of(probed.info()));
    }
    return new AudioOutput(media.extract("Run " + ws, dir, input.media(), conversion));
  }

  /** This activity's own folder in the run's working folder. */
  private HttpFetcher.WorkDir stepDir(String workspace) {
    String activityId = Activity.getExecutionContext().getInfo().getActivityId();
    return () -> layout.createStepDir(workspace, activityId);
  }

  @Override
  public HttpRequestOutput httpRequest(HttpRequestInput input) {
    return http.send(input);
  }

  @Override
  public void cleanUp(WorkspaceInput input) {
    try {
      if (layout.deleteRunDir(input.workspace())) {
        log.info("Run {}: working folder deleted", input.workspace());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw ApplicationFailure.newFailureWithCause(
          "Cannot delete the working folder of run " + input.workspace() + ": " + e.getMessage(),
          Failures.CLEAN_UP_FAILED,
          e);
    }
  }
}
