package org.sttplatform.workflows.fleet;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps the reports in memory; continues as new every {@value #SIGNALS_PER_RUN} signals. */
public final class FleetWorkflowImpl implements FleetWorkflow {
  /** Bounds the history: a few workers heartbeating every 3 s make a new run about every hour. */
  static final int SIGNALS_PER_RUN = 1000;

  /** A worker silent this long (by the newest report's clock) is dropped from the table. */
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final Map<String, WorkerReport> reports = new TreeMap<>();
  private int signals;

  @Override
  public void run(List<WorkerReport> carried) {
    if (carried != null) {
      carried.forEach(this::keep);
    }
    Workflow.await(() -> signals >= SIGNALS_PER_RUN);
    Workflow.continueAsNew(workers());
  }

  @Override
  public void heartbeat(WorkerReport report) {
    signals++;
    keep(report);
  }

  @Override
  public List<WorkerReport> workers() {
    return new ArrayList<>(reports.values());
  }

  private void keep(WorkerReport report) {
    if (report == null || report.workerId() == null) {
      return;
    }
    reports.put(report.workerId(), report);
    // The workers' clocks, not the workflow's: the table is about when they last spoke.
    long newest = reports.values().stream().mapToLong(WorkerReport::reportedAt).max().orElse(0);
    reports.values().removeIf(r -> r.reportedAt() < newest - FORGET_AFTER.toMillis());
  }
}
