package org.sttplatform.workflows.pipeline.component;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import org.sttplatform.workflows.pipeline.component.io.SummarizeInput;
import org.sttplatform.workflows.pipeline.component.io.SummarizeOutput;

/**
 * The built-in {@code summarize} component, run by the CPU workers. Failures: {@link
 * org.sttplatform.workflows.Failures#LLM_REJECTED} (no key configured, nothing to summarise, a 4xx
 * of the LLM server) ends the step; {@link org.sttplatform.workflows.Failures#LLM_FAILED} (429, 5xx
 * or network errors after the client's own retries) is retried.
 */
@ActivityInterface
public interface SummarizeComponent {

  @ActivityMethod(name = BuiltInComponents.SUMMARIZE_ACTIVITY)
  SummarizeOutput summarize(SummarizeInput input);
}
