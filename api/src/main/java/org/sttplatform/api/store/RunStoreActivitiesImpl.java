package org.sttplatform.api.store;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sttplatform.workflows.pipeline.engine.RunStoreActivities;

/**
 * The run-store activity, served on the {@code stt-store} queue next to the task-store activities
 * by the nodes that own the database. One idempotent write; database errors propagate and are
 * retried by Temporal.
 */
@Component
public class RunStoreActivitiesImpl implements RunStoreActivities {
  private static final Logger log = LoggerFactory.getLogger(RunStoreActivitiesImpl.class);

  private final JdbcRunStore runs;

  public RunStoreActivitiesImpl(JdbcRunStore runs) {
    this.runs = runs;
  }

  @Override
  public void runEnded(String runId, String status, Map<String, Object> outputs, String error) {
    if (!runs.ended(runId, status, outputs, error)) {
      log.debug("End of run {} ({}) not recorded: unknown or already ended", runId, status);
    }
  }
}
