package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Input of {@code callback}.
 *
 * @param taskId the finished task whose callback is sent to its {@code callback_url}
 * @param deliveryId sent as {@code X-STT-Delivery-Id}, the same on every attempt of a delivery so
 *     that a receiver can drop duplicates; {@code null}: the activity's workflow and activity id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackInput(
    @JsonProperty("task_id") long taskId, @JsonProperty("delivery_id") String deliveryId) {}
