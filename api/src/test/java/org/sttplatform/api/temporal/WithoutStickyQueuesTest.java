package org.sttplatform.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded server keeps the sticky queues of the workers in its own JVM (their cached runs go
 * on without a replay per workflow task, seen as one workflow instance per run) and drops those of
 * any other process (a dead one would strand its runs: the test server never times a sticky queue
 * out).
 */
class WithoutStickyQueuesTest {
  private static EmbeddedTemporalServer server;
  private static WorkflowServiceStubs service;

  @WorkflowInterface
  public interface ThreeSteps {
    @WorkflowMethod
    String run(String value);
  }

  @ActivityInterface
  public interface Step {
    String step(String value);
  }

  /** Instances made: one per run while the worker's cache holds it, one per replay otherwise. */
  static final AtomicInteger instances = new AtomicInteger();

  public static class ThreeStepsImpl implements ThreeSteps {
    public ThreeStepsImpl() {
      instances.incrementAndGet();
    }

    private final Step step =
        Workflow.newActivityStub(
            Step.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String run(String value) {
      return step.step(step.step(step.step(value)));
    }
  }

  @BeforeAll
  static void start() {
    server = EmbeddedTemporalServer.start(0);
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
  }

  @AfterAll
  static void stop() {
    service.shutdownNow();
    server.close();
  }

  @Test
  void workersOfThisJvmKeepTheirStickyQueue() {
    assertThat(WithoutStickyQueues.IN_PROCESS_IDENTITY)
        .as("the SDK's default identity is the JVM's pid@host")
        .isEqualTo(WorkflowClientOptions.newBuilder().validateAndBuildWithDefaults().getIdentity());
    instances.set(0);
    List<HistoryEvent> history = runWithIdentity(null, "in-process");
    assertThat(workflowTasks(history)).isGreaterThanOrEqualTo(4);
    assertThat(instances).as("workflow instances: the run was never replayed").hasValue(1);
  }

  @Test
  void workersOfAnotherProcessAreSentBackToTheSharedQueue() {
    instances.set(0);
    List<HistoryEvent> history = runWithIdentity("4242@another-host", "other-process");
    assertThat(workflowTasks(history)).isGreaterThanOrEqualTo(4);
    assertThat(instances.get())
        .as("workflow instances: each workflow task replayed the run on the shared queue")
        .isEqualTo(workflowTasks(history));
  }

  private static List<HistoryEvent> runWithIdentity(String identity, String queue) {
    WorkflowClientOptions.Builder options = WorkflowClientOptions.newBuilder();
    if (identity != null) {
      options.setIdentity(identity);
    }
    WorkflowClient client = WorkflowClient.newInstance(service, options.build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    var worker = factory.newWorker(queue);
    worker.registerWorkflowImplementationTypes(ThreeStepsImpl.class);
    worker.registerActivitiesImplementations((Step) value -> value + "+");
    factory.start();
    try {
      ThreeSteps workflow =
          client.newWorkflowStub(
              ThreeSteps.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(queue)
                  .setWorkflowId("sticky-" + queue)
                  .build());
      assertThat(workflow.run("x")).isEqualTo("x+++");
      return client.fetchHistory("sticky-" + queue).getHistory().getEventsList();
    } finally {
      factory.shutdownNow();
    }
  }

  private static long workflowTasks(List<HistoryEvent> history) {
    return history.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
        .count();
  }
}
