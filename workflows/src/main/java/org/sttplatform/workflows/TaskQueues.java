package org.sttplatform.workflows;

/**
 * Names of the Temporal task queues. Every deployable polls the queues of its role:
 *
 * <ul>
 *   <li>{@link #CPU}: the CPU worker ({@code activities/}) runs the workflows and the media
 *       activities.
 *   <li>{@link #GPU}: every transcription worker ({@code worker-gpu/}) polls it for leases ({@code
 *       fleet.lease}) and for transcriptions sent to any worker.
 *   <li>{@link #gpuHost}: each transcription worker's own queue, where the transcriptions it leased
 *       run.
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

  /** Separates {@link #GPU} from a worker's id in its own queue's name. */
  public static final String HOST_SEPARATOR = "@";

  /** Fleet bookkeeping: the workflow that holds the transcription workers' reports. */
  public static final String FLEET = CPU;

  private TaskQueues() {}

  /**
   * The queue of one transcription worker, {@code stt-gpu@<workerId>}: a transcription leased from
   * that worker runs there, on the instance the lease set aside.
   */
  public static String gpuHost(String workerId) {
    if (workerId == null || workerId.isBlank()) {
      throw new IllegalArgumentException("a worker id is required");
    }
    return GPU + HOST_SEPARATOR + workerId;
  }
}
