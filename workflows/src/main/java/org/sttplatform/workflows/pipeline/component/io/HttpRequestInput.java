package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Input of {@code http_request}.
 *
 * @param url http or https URL
 * @param method GET, POST, PUT, PATCH, DELETE or HEAD
 * @param headers request headers
 * @param body a string is sent as it is; any other value as JSON
 * @param expectStatus statuses that count as success (default: 2xx)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpRequestInput(
    String url,
    String method,
    Map<String, String> headers,
    Object body,
    @JsonProperty("expect_status") List<Integer> expectStatus) {}
