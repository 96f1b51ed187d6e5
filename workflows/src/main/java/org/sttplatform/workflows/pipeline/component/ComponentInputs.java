package org.sttplatform.workflows.pipeline.component;

/**
 * What the engine adds to every activity component's input, next to the step's parameters.
 * Component input records carry {@code @JsonIgnoreProperties(ignoreUnknown = true)}, so a component
 * that needs none of it simply ignores it.
 */
public final class ComponentInputs {
  /**
   * The run's working folder key (the run id): components write their files there, and the engine
   * removes it when the run ends.
   */
  public static final String WORKSPACE = "workspace";

  /**
   * The task row a transcribing step writes to; the engine adds it to {@code transcribe}'s input
   * (see {@code TaskRows}).
   */
  public static final String TASK_ID = "task_id";

  /**
   * The step the activity runs for: its id, {@code #<index>} added for an element of a {@code
   * for_each}. Lets the API count each step's attempts from the run's history.
   */
  public static final String STEP = "step";

  /** The activity that removes a run's working folder; its input is {@code {"workspace": id}}. */
  public static final String CLEAN_UP_ACTIVITY = "component.clean_up";

  private ComponentInputs() {}
}
