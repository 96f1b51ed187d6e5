package org.sttplatform.api.temporal;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;

/**
 * Keeps the embedded server from routing workflow tasks to a worker's sticky queue.
 *
 * <p>A worker that completes a workflow task asks the server to send the run's next task to a queue
 * of its own ({@code sticky_attributes}), where its cached copy of the run continues. A real server
 * moves such a task back to the shared queue when nobody takes it within the sticky
 * schedule-to-start timeout (5 s by default), so a dead worker only delays its runs. Temporal's
 * Java test server has no such timeout: every run last served by a crashed or stopped worker would
 * wait on that worker's queue forever. Dropping the attributes here sends every workflow task to
 * the shared queue, where any live worker replays the run from its history (a few milliseconds for
 * this project's histories) and continues it.
 */
final class WithoutStickyQueues implements ServerInterceptor {

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(Q message) {
        if (message instanceof RespondWorkflowTaskCompletedRequest completed
            && completed.hasStickyAttributes()) {
          message = (Q) completed.toBuilder().clearStickyAttributes().build();
        }
        super.onMessage(message);
      }
    };
  }
}
