package org.sttplatform.api.store;

/** Where a task's callback delivery stands ({@code tasks.callback_state}). */
public final class CallbackState {
  /** Attempts go on (the first one may not have been made yet). */
  public static final String PENDING = "pending";

  /** A 2xx answer came. */
  public static final String DELIVERED = "delivered";

  /** No 2xx within the retry window, or the URL was refused: no attempt follows. */
  public static final String DEAD = "dead";

  private CallbackState() {}
}
