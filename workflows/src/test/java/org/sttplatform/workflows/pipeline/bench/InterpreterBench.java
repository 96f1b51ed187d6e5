package org.sttplatform.workflows.pipeline.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.pipeline.component.ComponentInputs;
import org.sttplatform.workflows.pipeline.definition.PipelineBuilder;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.engine.EchoComponents;
import org.sttplatform.workflows.pipeline.engine.EngineTestWorkers;
import org.sttplatform.workflows.pipeline.engine.PipelineWorkflowImpl;
import org.sttplatform.workflows.pipeline.engine.RunStoreActivities;
import org.sttplatform.workflows.transcription.ActivityDefaults;

/**
 * The interpreter's cost: the same chain of no-op activities (and the same clean-up and run-store
 * activities at the end) run by a hand-written Java workflow and by {@link PipelineWorkflowImpl}
 * from a definition, interleaved, in one JVM on Temporal's in-memory test server. Run by {@code
 * bench/interpreter.sh}; writes a Markdown report.
 *
 * <p>Arguments: {@code --steps N} (default 8), {@code --runs N} (default 50), {@code --out FILE}.
 */
public final class InterpreterBench {

  /** The hand-written pipeline: the same activities, called directly. */
  @WorkflowInterface
  public interface JavaChain {
    @WorkflowMethod
    Map<String, Object> run(int steps);
  }

  public static class JavaChainImpl implements JavaChain {
    @Override
    public Map<String, Object> run(int steps) {
      EchoComponents.Echo echo =
          Workflow.newActivityStub(
              EchoComponents.Echo.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(EngineTestWorkers.ECHO_QUEUE)
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .build());
      Object value = "start";
      Map<String, Object> out = Map.of();
      for (int i = 0; i < steps; i++) {
        out = echo.echo(Map.of("key", "java", "value", value));
        value = out.get("value");
      }
      // The same envelope as the engine's: the working folder is removed at the end…
      Workflow.newUntypedActivityStub(
              ActivityOptions.newBuilder()
                  .setTaskQueue(TaskQueues.CPU)
                  .setStartToCloseTimeout(Duration.ofMinutes(5))
                  .build())
          .execute(
              ComponentInputs.CLEAN_UP_ACTIVITY,
              Void.class,
              Map.of(ComponentInputs.WORKSPACE, Workflow.getInfo().getWorkflowId()));
      // …and the end is recorded in the store, as the engine does for its run rows.
      Workflow.newActivityStub(RunStoreActivities.class, ActivityDefaults.store())
          .runEnded(Workflow.getInfo().getWorkflowId(), "completed", out, null);
      return out;
    }
  }

  public static void main(String[] args) throws Exception {
    int steps = 8;
    int runs = 50;
    Path out = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    PipelineDefinition chain = chain(steps);
    List<Double> java = new ArrayList<>();
    List<Double> interpreted = new ArrayList<>();
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().build())) {
      Worker cpu = EngineTestWorkers.register(env);
      cpu.registerWorkflowImplementationTypes(JavaChainImpl.class);
      env.start();
      int warmUp = 10;
      for (int i = 0; i < warmUp + runs; i++) {
        // Interleaved, so that drift of the machine affects both alike.
        double j = timeJava(env, steps, i);
        double p = timeInterpreted(env, chain, i);
        if (i >= warmUp) {
          java.add(j);
          interpreted.add(p);
        }
      }
    }
    String report = report(steps, runs, java, interpreted);
    System.out.println(report);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
  }

  private static double timeJava(TestWorkflowEnvironment env, int steps, int i) {
    JavaChain workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                JavaChain.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId("bench-java-" + i)
                    .build());
    long t = System.nanoTime();
    workflow.run(steps);
    return (System.nanoTime() - t) / 1e6;
  }

  private static double timeInterpreted(TestWorkflowEnvironment env, PipelineDefinition d, int i) {
    long t = System.nanoTime();
    EngineTestWorkers.run(env, "bench-" + i, d, Map.of());
    return (System.nanoTime() - t) / 1e6;
  }

  /** {@code steps} echo steps, each taking the previous one's value. */
  static PipelineDefinition chain(int steps) {
    PipelineBuilder b = PipelineBuilder.pipeline("bench_chain", 1);
    String previous = "start";
    for (int i = 0; i < steps; i++) {
      b.step("s" + i, "echo").param("key", "interpreted").param("value", previous).add();
      previous = "${steps.s" + i + ".output.value}";
    }
    return b.output("value", previous).build();
  }

  private static String report(int steps, int runs, List<Double> java, List<Double> interp) {
    double jm = percentile(java, 50);
    double im = percentile(interp, 50);
    double j99 = percentile(java, 99);
    double i99 = percentile(interp, 99);
    StringBuilder md = new StringBuilder();
    md.append("# Interpreter overhead, ").append(Instant.now()).append("\n\n");
    md.append(steps).append(" no-op activity steps in a chain, ").append(runs);
    md.append(" runs each after 10 warm-up runs, interleaved, one JVM, in-memory test server, ");
    md.append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n");
    md.append("| pipeline | median ms | p99 ms |\n|---|---|---|\n");
    md.append(row("Java workflow", jm, j99));
    md.append(row("interpreted definition", im, i99));
    md.append(String.format(Locale.ROOT, "%nratio (median): %.2f×; ", im / jm));
    md.append(String.format(Locale.ROOT, "ratio (p99): %.2f×; ", i99 / j99));
    md.append(
        String.format(
            Locale.ROOT, "overhead per step (median): %.2f ms%n", (im - jm) / Math.max(1, steps)));
    return md.toString();
  }

  private static String row(String name, double median, double p99) {
    return String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", name, median, p99);
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
