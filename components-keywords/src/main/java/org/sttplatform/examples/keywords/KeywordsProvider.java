package org.sttplatform.examples.keywords;

import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.pipeline.component.ComponentProvider;
import org.sttplatform.workflows.pipeline.component.ComponentSpec;
import org.sttplatform.workflows.pipeline.component.ParamSpec;

/**
 * Adds the {@code keywords} component: where given terms occur in a transcript's segments. An
 * example of a component in a jar of its own: this class is listed in {@code
 * META-INF/services/org.sttplatform.workflows.pipeline.component.ComponentProvider}, and the CPU
 * worker registers {@link #activities} on its queue. Nothing in the interpreter or the registry
 * names it.
 */
public final class KeywordsProvider implements ComponentProvider {
  public static final String NAME = "keywords";
  public static final String ACTIVITY = "component.keywords";

  @Override
  public List<ComponentSpec> components() {
    Map<String, ParamSpec> params = new LinkedHashMap<>();
    params.put(
        "segments",
        ParamSpec.required("array", "segments with id, start, end, text (transcribe's output)"));
    params.put("terms", ParamSpec.required("array", "the words or phrases to find"));
    params.put("case_sensitive", ParamSpec.optional("boolean", false, "match letter case exactly"));
    return List.of(
        new ComponentSpec(
            NAME,
            "Finds terms in a transcript with the time of each occurrence",
            ComponentSpec.Kind.ACTIVITY,
            ACTIVITY,
            TaskQueues.CPU,
            params,
            Duration.ofMinutes(1),
            null,
            RetryOptions.newBuilder().setMaximumAttempts(3).build(),
            0.02));
  }

  @Override
  public List<Object> activities(String taskQueue) {
    return TaskQueues.CPU.equals(taskQueue) ? List.of(new KeywordsActivityImpl()) : List.of();
  }
}
