package org.sttplatform.workflows.pipeline.component.io;

import java.util.Map;

/**
 * Output of {@code http_request}.
 *
 * @param status the HTTP status
 * @param headers the response headers (the first value of each)
 * @param body the body as text (at most {@code MAX_BODY_BYTES})
 * @param json the body parsed, when it is JSON; else {@code null}
 */
public record HttpRequestOutput(int status, Map<String, String> headers, String body, Object json) {

  /** Longest body kept: the output travels in the run's history. */
  public static final int MAX_BODY_BYTES = 256 * 1024;
}
