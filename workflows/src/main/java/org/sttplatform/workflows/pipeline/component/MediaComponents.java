package org.sttplatform.workflows.pipeline.component;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
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
 * The built-in components the CPU worker runs; each takes one input record and returns one output
 * record. Failure types are those of {@link org.sttplatform.workflows.Failures}.
 */
@ActivityInterface
public interface MediaComponents {

  @ActivityMethod(name = BuiltInComponents.FETCH_ACTIVITY)
  MediaOutput fetch(FetchInput input);

  @ActivityMethod(name = BuiltInComponents.PROBE_ACTIVITY)
  ProbeOutput probe(MediaInput input);

  @ActivityMethod(name = BuiltInComponents.EXTRACT_AUDIO_ACTIVITY)
  AudioOutput extractAudio(ExtractAudioInput input);

  @ActivityMethod(name = BuiltInComponents.HTTP_REQUEST_ACTIVITY)
  HttpRequestOutput httpRequest(HttpRequestInput input);

  /** Removes a run's working folder. Idempotent. */
  @ActivityMethod(name = ComponentInputs.CLEAN_UP_ACTIVITY)
  void cleanUp(WorkspaceInput input);
}
