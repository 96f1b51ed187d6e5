package org.sttplatform.workflows.pipeline.engine;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

/**
 * Mirrors the end of a pipeline run into its row, so that listings (which come from the database:
 * the embedded Temporal server has no visibility API) and a run whose workflow is gone (an API
 * restart with the embedded server) show the final status. Served on {@link
 * org.sttplatform.workflows.TaskQueues#STORE} by the nodes that own the run table.
 */
@ActivityInterface
public interface RunStoreActivities {

  /**
   * Records the run's end. Idempotent: a row that already holds a final status (a retried call, or
   * a run the API marked cancelled) keeps it; an unknown run is ignored.
   *
   * @param runId the run
   * @param status {@code completed}, {@code failed} or {@code cancelled}
   * @param outputs the outputs of a completed run, else {@code null}
   * @param error why it failed or was cancelled, else {@code null}
   */
  void runEnded(String runId, String status, Map<String, Object> outputs, String error);
}
