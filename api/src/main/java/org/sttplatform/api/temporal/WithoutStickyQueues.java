package org.sttplatform.api.temporal;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import java.lang.management.ManagementFactory;

/**
 * Keeps the embedded server from routing workflow tasks to another process's sticky queue.
 *
 * <p>A worker that completes a workflow task asks the server to send the run's next task to a queue
 * of its own ({@code sticky_attributes}), where its cached copy of the run continues. A real server
 * moves such a task back to the shared queue when nobody takes it within the sticky
 * schedule-to-start timeout (5 s by default), so a dead worker only delays its runs. Temporal's
 * Java test server has no such timeout: every run last served by a crashed or stopped worker would
 * wait on that worker's queue forever. Dropping the attributes sends the task to the shared queue,
 * where any live worker replays the run from its history and continues it.
 *
 * <p>The attributes of the workers in this JVM are kept: they cannot die without the server, and
 * without their cache every workflow task would replay the whole run (measured: 10–45 ms per
 * workflow task of a task's run on the 2-core machine, about ten per run, and each progress query a
 * replay too). They are told by the identity the Temporal SDK gives a client by default, the JVM's
 * {@code pid@host}, which a worker in another process cannot share.
 */
final class WithoutStickyQueues implements ServerInterceptor {
  /** The Temporal SDK's default identity of a client (and its workers) in this JVM. */
  static final String IN_PROCESS_IDENTITY = ManagementFactory.getRuntimeMXBean().getName();

  private final String keptIdentity;

  /** Keeps the sticky queues of this JVM's workers only. */
  WithoutStickyQueues() {
    this(IN_PROCESS_IDENTITY);
  }

  /** Keeps the sticky queues of workers with {@code keptIdentity} ({@code null}: of none). */
  WithoutStickyQueues(String keptIdentity) {
    this.keptIdentity = keptIdentity;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(Q message) {
        if (message instanceof RespondWorkflowTaskCompletedRequest completed
            && completed.hasStickyAttributes()
            && !completed.getIdentity().equals(keptIdentity)) {
          message = (Q) completed.toBuilder().clearStickyAttributes().build();
        }
        super.onMessage(message);
      }
    };
  }
}
