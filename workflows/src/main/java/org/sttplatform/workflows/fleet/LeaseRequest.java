package org.sttplatform.workflows.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A request for a transcription worker.
 *
 * @param model the model the transcription needs ({@code null}: the worker's default); a worker
 *     that has it loaded is preferred
 * @param avoid ids of workers that took an earlier lease of the same step and were lost (their
 *     queue was not polled in time): not to be sent the transcription again
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseRequest(String model, List<String> avoid) {
  public LeaseRequest {
    avoid = avoid == null ? List.of() : List.copyOf(avoid);
  }
}
