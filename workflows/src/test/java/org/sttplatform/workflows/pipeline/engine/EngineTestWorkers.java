package org.sttplatform.workflows.pipeline.engine;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * The engine on a test environment, as the tests and the interpreter benchmark use it: the engine
 * and a clean-up-only media component on the CPU queue, a run store on the store queue, and the
 * {@link EchoComponents echo} component on its own queue.
 */
public final class EngineTestWorkers {
  public static final String ECHO_QUEUE = EchoComponents.QUEUE;

  private EngineTestWorkers() {}

  /**
   * Registers the workers (start the environment afterwards).
   *
   * @param cleanedUp receives the workspace of each clean-up
   * @param runStore the store activity the engine reports run ends to
   * @return the CPU worker, to register more (e.g. a Java workflow to compare)
   */
  public static Worker register(
      TestWorkflowEnvironment env, List<String> cleanedUp, RunStoreActivities runStore) {
    ComponentRegistry registry = ComponentRegistry.discover();
    Worker cpu = env.newWorker(TaskQueues.CPU);
    cpu.registerWorkflowImplementationFactory(
        PipelineWorkflow.class, () -> new PipelineWorkflowImpl(registry));
    cpu.registerActivitiesImplementations(new PipelineWorkflowTest.CleanUpOnly(cleanedUp));
    env.newWorker(TaskQueues.STORE).registerActivitiesImplementations(runStore);
    env.newWorker(ECHO_QUEUE)
        .registerActivitiesImplementations(
            registry.providers().get(0).activities(ECHO_QUEUE).toArray());
    return cpu;
  }

  /** {@link #register} with a throw-away clean-up list and run store. */
  public static Worker register(TestWorkflowEnvironment env) {
    return register(env, new ArrayList<>(), new RecordingRunStore());
  }

  /** A stub of the engine for run {@code runId}. */
  public static PipelineWorkflow stub(TestWorkflowEnvironment env, String runId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(WorkflowIds.pipelineRun(runId))
                .build());
  }

  /** Runs {@code definition} to its end and returns the outputs. */
  public static Map<String, Object> run(
      TestWorkflowEnvironment env,
      String runId,
      PipelineDefinition definition,
      Map<String, Object> inputs) {
    return stub(env, runId).run(new PipelineRun(runId, definition, inputs));
  }

  /** The echo activity's implementation (for a Java workflow to call). */
  public static Object echo() {
    return new EchoComponents.EchoImpl();
  }
}
