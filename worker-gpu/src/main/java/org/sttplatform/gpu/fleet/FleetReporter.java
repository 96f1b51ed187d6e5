package org.sttplatform.gpu.fleet;

import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.fleet.FleetWorkflow;
import org.sttplatform.workflows.fleet.WorkerReport;

/**
 * Sends the worker's report to the fleet table ({@link FleetWorkflow}, signal-with-start) every
 * heartbeat interval, and reads the table back for the leases ({@link #fleet()}). A signal is one
 * short RPC; the table lives in Temporal, so it survives API restarts and every API node sees it.
 */
public final class FleetReporter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FleetReporter.class);

  private final WorkflowClient client;
  private final Supplier<WorkerReport> report;
  private final Duration interval;
  private final ScheduledExecutorService executor;
  private volatile List<WorkerReport> fleet = List.of();
  private volatile boolean warned;

  public FleetReporter(WorkflowClient client, Supplier<WorkerReport> report, Duration interval) {
    this.client = client;
    this.report = report;
    this.interval = interval;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fleet-reporter");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts reporting at once, then every interval. */
  public void start() {
    executor.scheduleWithFixedDelay(
        this::reportOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The fleet table as last read (empty until the first read). */
  public List<WorkerReport> fleet() {
    return fleet;
  }

  /** Sends one report and reads the table back. */
  void reportOnce() {
    try {
      FleetWorkflow workflow =
          client.newWorkflowStub(
              FleetWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(FleetWorkflow.WORKFLOW_ID)
                  .setTaskQueue(TaskQueues.FLEET)
                  .build());
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(workflow::run, (List<WorkerReport>) null);
      request.add(workflow::heartbeat, report.get());
      client.signalWithStart(request);
      fleet = client.newWorkflowStub(FleetWorkflow.class, FleetWorkflow.WORKFLOW_ID).workers();
      warned = false;
    } catch (RuntimeException e) {
      // Reporting is best effort: the worker keeps serving, and leases fall back to itself.
      if (!warned) {
        log.warn("Could not report to the fleet table: {}", e.toString());
        warned = true;
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
