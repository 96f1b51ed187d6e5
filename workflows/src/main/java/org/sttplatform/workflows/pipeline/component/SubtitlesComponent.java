package org.sttplatform.workflows.pipeline.component;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;
import org.sttplatform.workflows.pipeline.component.io.SubtitlesOutput;

/**
 * The {@code subtitles} component, on the CPU worker: writes a transcript as subtitle files into a
 * result folder that outlives the run's working folder. Fails with {@link
 * org.sttplatform.workflows.Failures#INVALID_OPTIONS} for bad parameters and {@link
 * org.sttplatform.workflows.Failures#TRANSCRIPT_UNREADABLE} for a transcript it cannot read.
 */
@ActivityInterface
public interface SubtitlesComponent {

  /**
   * @param input the step's parameters ({@link BuiltInComponents#SUBTITLES}) and {@code workspace}
   */
  @ActivityMethod(name = BuiltInComponents.SUBTITLES_ACTIVITY)
  SubtitlesOutput subtitles(Map<String, Object> input);
}
