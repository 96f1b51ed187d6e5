package org.sttplatform.workflows;

/**
 * Names of the Temporal task queues. Every deployable polls the queues of its role:
 *
 * <ul>
 *   <li>{@link #CPU}: the CPU worker ({@code activities/}) runs the workflows and the media
 *       activities.
 *   <li>{@link #GPU}: each transcription worker ({@code worker-gpu/}) runs {@code transcribe}.
 *   <li>{@link #STORE}: API nodes own the task database and run the task-store activities.
 * </ul>
 */
public final class TaskQueues {
  /** Workflows and CPU activities (download, probe, audio extraction, clean-up). */
  public static final String CPU = "stt-cpu";

  /** Transcription activities, served by the whisper.cpp workers. */
  public static final String GPU = "stt-gpu";

  /** Task-store activities, served by the nodes that own the task database. */
  public static final String STORE = "stt-store";

  private TaskQueues() {}
}
