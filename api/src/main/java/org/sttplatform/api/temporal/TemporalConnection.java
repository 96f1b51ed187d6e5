package org.sttplatform.api.temporal;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.api.config.SttProperties;

/**
 * The connection to Temporal: the configured frontend, or an embedded server started for this
 * process when no address is configured.
 */
public final class TemporalConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TemporalConnection.class);

  private final EmbeddedTemporalServer embedded;
  private final WorkflowServiceStubs stubs;
  private final String target;

  private TemporalConnection(EmbeddedTemporalServer embedded, String target) {
    this.embedded = embedded;
    this.target = target;
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
    if (embedded != null) {
      // This JVM's API and workers skip the loopback network; other processes use the target.
      options.setChannel(embedded.inProcessChannel());
    } else {
      options.setTarget(target);
    }
    this.stubs = WorkflowServiceStubs.newServiceStubs(options.build());
  }

  /** Connects as configured, starting the embedded server if no address is set. */
  public static TemporalConnection open(SttProperties.Temporal settings) {
    if (settings.embedded()) {
      EmbeddedTemporalServer server = EmbeddedTemporalServer.start(settings.embeddedPort());
      return new TemporalConnection(server, server.target());
    }
    log.info("Using the Temporal frontend at {}", settings.address());
    return new TemporalConnection(null, settings.address().strip());
  }

  /** gRPC stubs to the frontend. */
  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  /** {@code host:port} of the frontend, for worker processes and tools outside this JVM. */
  public String target() {
    return target;
  }

  /** Whether this process runs the Temporal server itself. */
  public boolean embedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    stubs.shutdown();
    if (embedded != null) {
      embedded.close();
    }
  }
}
