package org.sttplatform.api.workflow;

/** Starts callback deliveries from the API ({@code POST /api/whisper/callback/redeliver}). */
public interface CallbackDeliveries {

  /**
   * Sends the task's callback again as a new delivery (a new {@code X-STT-Delivery-Id}, attempts
   * from 1); a delivery still retrying is stopped first, so only one runs.
   */
  void redeliver(long taskId);
}
