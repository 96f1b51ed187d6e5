package org.sttplatform.api.pipeline;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.sttplatform.api.web.ApiException;
import org.sttplatform.definitions.Problem;

/**
 * Bad input with every problem listed: the error envelope's {@code detail} carries {@code problems:
 * [{path, message}]}, and the message names them too for clients that only show the message.
 */
final class ProblemsException {
  private ProblemsException() {}

  static ApiException of(HttpStatus status, String what, List<Problem> problems) {
    String listed = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    return new ApiException(
        status,
        what
            + " ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "): "
            + listed,
        Map.of("problems", PipelineJson.problems(problems)));
  }
}
