package org.sttplatform.activities.llm;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Waits for one LLM request. An activity's guard heartbeats meanwhile and cancels the request when
 * the activity is cancelled or its worker stops; {@link #BLOCKING} just waits.
 */
public interface CallGuard {

  /** Waits for the request and nothing else (the REST API). */
  CallGuard BLOCKING = CallGuard::join;

  /**
   * The request's result.
   *
   * @throws RuntimeException the request's own failure (unwrapped)
   */
  <T> T await(CompletableFuture<T> request);

  /** Waits for {@code request}; an interrupt cancels it. Failures are unwrapped. */
  static <T> T join(CompletableFuture<T> request) {
    try {
      return request.get();
    } catch (InterruptedException e) {
      request.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("Interrupted while waiting for the LLM server");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
