package org.sttplatform.api.temporal;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server as a real gRPC frontend on 127.0.0.1, so separate worker processes
 * and clients can connect to it like to a cluster. State lives in memory: workflows running when
 * the process stops are lost (their task rows stay, marked by the store as they were). It has no
 * Schedules, no advanced visibility and no web UI; production runs a Temporal cluster instead.
 * Workflow tasks go to a worker's sticky queue only for the workers in this JVM ({@link
 * WithoutStickyQueues}), so a worker process that dies or stops strands none of its runs.
 *
 * <p>This JVM's own client and workers reach the same services through an in-process channel
 * ({@link #inProcessChannel()}): on the project's 2-core VM a loopback gRPC call through Netty
 * costs 2–3 ms and a workflow's activity round trip about 23 ms, against about 7 ms in process
 * (bench/floor.sh; bench/README.md, "In process, and WAV as is"). The in-process server checks
 * message sizes against the same 4 MiB limit as the Netty frontend, so a payload too big for a
 * cluster fails here too.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final TestServicesStarter services;
  private final Server server;
  private final InProcessGRPCServer inProcess;

  private EmbeddedTemporalServer(
      TestServicesStarter services, Server server, InProcessGRPCServer inProcess) {
    this.services = services;
    this.server = server;
    this.inProcess = inProcess;
  }

  /**
   * Starts the server on {@code 127.0.0.1:port}; port 0 picks a free one.
   *
   * @throws IllegalStateException if the port is taken, with a message saying how to fix it
   */
  public static EmbeddedTemporalServer start(int port) {
    // Time skipping stays locked: it is meant for unit tests and breaks remote workers.
    TestServicesStarter services = new TestServicesStarter(true, 0L);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    GRPCServerHelper.registerServicesAndHealthChecks(
        services.getServices(), builder, List.of(new WithoutStickyQueues()));
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      services.close();
      throw new IllegalStateException(
          "Cannot start the embedded Temporal server on 127.0.0.1:"
              + port
              + " ("
              + e.getMessage()
              + "). Free the port, set STT_TEMPORAL_PORT to another one, or set TEMPORAL_ADDRESS"
              + " to use an existing Temporal server.",
          new UncheckedIOException(e));
    }
    // Sticky queues need no filter in process: every caller on this channel is this JVM.
    InProcessGRPCServer inProcess = new InProcessGRPCServer(services.getServices());
    log.info("Embedded Temporal server listening on 127.0.0.1:{}", server.getPort());
    return new EmbeddedTemporalServer(services, server, inProcess);
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /**
   * A channel to this server that skips the network, for clients and workers in this JVM; closed
   * with the server.
   */
  public ManagedChannel inProcessChannel() {
    return inProcess.getChannel();
  }

  /** {@code host:port} for clients in other processes. */
  public String target() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void close() {
    inProcess.shutdown();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    inProcess.shutdownNow();
    services.close();
  }
}
