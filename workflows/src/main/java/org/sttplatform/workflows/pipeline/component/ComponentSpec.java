package org.sttplatform.workflows.pipeline.component;

import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A named step type of a pipeline: what a step's {@code component} names.
 *
 * <p>An {@link Kind#ACTIVITY} component runs as the Temporal activity {@code activityType} on
 * {@code taskQueue}, called with one argument, the step's resolved parameters as a JSON object (the
 * activity's typed input record), and returning one typed output record, which later steps read as
 * {@code ${steps.<id>.output.<field>}}. {@link Kind#TIMER} and {@link Kind#VALUES} components run
 * inside the workflow ({@code wait}, {@code set}).
 *
 * @param name the name definitions use, e.g. {@code fetch}
 * @param description one line for documentation
 * @param kind how it runs
 * @param activityType the activity type name ({@code null} unless {@link Kind#ACTIVITY})
 * @param taskQueue the queue of the workers that host the activity
 * @param params its parameters by name
 * @param startToCloseTimeout the default timeout of one attempt ({@code timeout} overrides it)
 * @param heartbeatTimeout how long the activity may go without a heartbeat, or {@code null}
 * @param retry the default retry policy ({@code retry} of a step overrides its fields)
 * @param progressWeight its share of a run's progress, relative to the other steps' weights
 */
public record ComponentSpec(
    String name,
    String description,
    Kind kind,
    String activityType,
    String taskQueue,
    Map<String, ParamSpec> params,
    Duration startToCloseTimeout,
    Duration heartbeatTimeout,
    RetryOptions retry,
    double progressWeight) {

  /** How a component runs. */
  public enum Kind {
    /** A Temporal activity on a worker. */
    ACTIVITY,
    /** A durable timer in the workflow ({@code wait}). */
    TIMER,
    /** Values computed in the workflow from its parameters ({@code set}). */
    VALUES
  }

  public ComponentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    params = params == null ? Map.of() : Map.copyOf(params);
    if (kind == Kind.ACTIVITY && (activityType == null || taskQueue == null)) {
      throw new IllegalArgumentException(name + ": an activity component needs a type and a queue");
    }
    if (progressWeight < 0) {
      throw new IllegalArgumentException(name + ": negative progress weight");
    }
  }
}
