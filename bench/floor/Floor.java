import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The bare Temporal floor on this machine (bench/floor.sh): a workflow of N one-line activities in
 * sequence on the Java test server, as the embedded server runs it, reached over Netty on loopback
 * (how other processes reach it) and through the in-process channel (how its own JVM does). Prints
 * one Markdown table row per transport.
 */
public final class Floor {
  @ActivityInterface
  public interface Step {
    String step(String in);
  }

  public static final class StepImpl implements Step {
    @Override
    public String step(String in) {
      return in + ".";
    }
  }

  @WorkflowInterface
  public interface Chain {
    @WorkflowMethod
    String run(int steps);
  }

  public static final class ChainImpl implements Chain {
    @Override
    public String run(int steps) {
      Step s =
          Workflow.newActivityStub(
              Step.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
      String out = "";
      for (int i = 0; i < steps; i++) {
        out = s.step(out);
      }
      return out;
    }
  }

  public static void main(String[] args) throws Exception {
    int steps = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    System.out.println("| transport | runs | min ms | median ms | max ms | median ms per activity |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (String transport : List.of("netty", "in-process")) {
      TestServicesStarter services = new TestServicesStarter(true, 0L);
      Server netty = null;
      InProcessGRPCServer inProcess = null;
      WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
      if (transport.equals("netty")) {
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), b, List.of());
        netty = b.build().start();
        options.setTarget("127.0.0.1:" + netty.getPort());
      } else {
        inProcess = new InProcessGRPCServer(services.getServices());
        ManagedChannel channel = inProcess.getChannel();
        options.setChannel(channel);
      }
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker("floor");
      worker.registerWorkflowImplementationTypes(ChainImpl.class);
      worker.registerActivitiesImplementations(new StepImpl());
      factory.start();
      List<Double> times = new ArrayList<>();
      for (int r = -3; r < runs; r++) { // three warm-up runs
        long t = System.nanoTime();
        client
            .newWorkflowStub(
                Chain.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue("floor")
                    .setWorkflowId(transport + "-" + r)
                    .build())
            .run(steps);
        if (r >= 0) {
          times.add((System.nanoTime() - t) / 1e6);
        }
      }
      Collections.sort(times);
      double median = times.get(times.size() / 2);
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %.0f | %.0f | %.0f | %.1f |%n",
          transport,
          runs,
          times.get(0),
          median,
          times.get(times.size() - 1),
          median / steps);
      factory.shutdownNow();
      stubs.shutdownNow();
      if (netty != null) {
        netty.shutdownNow();
      }
      if (inProcess != null) {
        inProcess.shutdownNow();
      }
      services.close();
    }
    System.exit(0);
  }
}
