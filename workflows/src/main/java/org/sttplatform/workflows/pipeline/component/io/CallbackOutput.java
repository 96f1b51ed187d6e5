package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Output of {@code callback}: the delivered attempt.
 *
 * @param statusCode the receiver's 2xx status
 * @param attempts how many attempts the delivery took
 * @param deliveryId the {@code X-STT-Delivery-Id} sent
 */
public record CallbackOutput(
    @JsonProperty("status_code") int statusCode,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("delivery_id") String deliveryId) {}
