package org.sttplatform.api.workflow;

import java.util.List;
import org.sttplatform.workflows.fleet.WorkerReport;

/**
 * The transcription workers' last reports (the fleet table), as {@code GET /api/workers} lists
 * them.
 */
public interface FleetDirectory {
  /**
   * Every worker that reported in the last hour, by id; empty when none ever reported.
   *
   * @throws RuntimeException if the workflow service cannot be asked
   */
  List<WorkerReport> workers();
}
