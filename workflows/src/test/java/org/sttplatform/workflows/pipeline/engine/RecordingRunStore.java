package org.sttplatform.workflows.pipeline.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The run store of the engine tests: records each {@code runEnded} call. */
final class RecordingRunStore implements RunStoreActivities {

  /** One {@code runEnded} call. */
  record Ended(String runId, String status, Map<String, Object> outputs, String error) {}

  final List<Ended> ended = new CopyOnWriteArrayList<>();

  @Override
  public void runEnded(String runId, String status, Map<String, Object> outputs, String error) {
    ended.add(new Ended(runId, status, outputs, error));
  }
}
