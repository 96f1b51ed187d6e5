package org.sttplatform.workflows.pipeline.component;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/** The built-in {@code transcribe} component, run by the transcription workers. */
@ActivityInterface
public interface TranscribeComponent {

  @ActivityMethod(name = BuiltInComponents.TRANSCRIBE_ACTIVITY)
  TranscribeOutput transcribe(TranscribeStepInput input);
}
