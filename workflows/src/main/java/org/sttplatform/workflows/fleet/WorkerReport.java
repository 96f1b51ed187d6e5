package org.sttplatform.workflows.fleet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a transcription worker reports about itself every few seconds ({@link
 * FleetWorkflow#heartbeat}).
 *
 * @param workerId the worker's id ({@code STT_WORKER_ID})
 * @param queue the worker's own task queue ({@code TaskQueues.gpuHost(workerId)})
 * @param device {@code cpu} or {@code cuda<CUDA_VISIBLE_DEVICES>}
 * @param loadedModels models loaded in memory now
 * @param modelsOnDisk models whose files are in the worker's models directory
 * @param slots transcriptions the worker runs at once ({@code STT_WHISPER_POOL_SIZE})
 * @param busy slots running a transcription or set aside by a lease
 * @param reportedAt the worker's clock when it sent the report, epoch milliseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerReport(
    String workerId,
    String queue,
    String device,
    List<String> loadedModels,
    List<String> modelsOnDisk,
    int slots,
    int busy,
    long reportedAt) {

  public WorkerReport {
    loadedModels = loadedModels == null ? List.of() : List.copyOf(loadedModels);
    modelsOnDisk = modelsOnDisk == null ? List.of() : List.copyOf(modelsOnDisk);
  }

  /** Slots neither running a transcription nor set aside by a lease. */
  @JsonIgnore
  public int free() {
    return Math.max(0, slots - busy);
  }
}
