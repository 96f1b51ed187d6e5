package org.sttplatform.api.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import org.sttplatform.api.store.DefinitionRecord;
import org.sttplatform.api.store.JdbcRunStore;
import org.sttplatform.api.store.RunRecord;
import org.sttplatform.api.web.ApiException;
import org.sttplatform.api.workflow.PipelineRuns;
import org.sttplatform.definitions.DefinitionValidator;
import org.sttplatform.definitions.Problem;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;
import org.sttplatform.workflows.pipeline.engine.RunState;

/**
 * Starts, reads, lists and cancels runs. A run is checked (definition, version, inputs) before
 * anything is stored; its row is inserted before the workflow starts, and a workflow that cannot be
 * started marks the row failed with the reason and answers 503, as task creation does.
 */
@Service
class RunService {
  private static final Logger log = LoggerFactory.getLogger(RunService.class);
  private static final Set<String> BODY_FIELDS = Set.of("inputs", "version");

  private final DefinitionService definitions;
  private final JdbcRunStore runs;
  private final PipelineRuns workflows;

  private final RunUploads uploads;

  RunService(
      DefinitionService definitions,
      JdbcRunStore runs,
      PipelineRuns workflows,
      RunUploads uploads) {
    this.uploads = uploads;
    this.definitions = definitions;
    this.runs = runs;
    this.workflows = workflows;
  }

  /**
   * Starts a run of definition {@code id}.
   *
   * @param body {@code {"inputs": {...}, "version": n}}, both optional; empty means {@code {}}
   * @throws ApiException 400 for a malformed body or inputs that do not match the definition (every
   *     problem listed), 404 for an unknown definition or version, 409 for a stored version that no
   *     longer validates, 503 when the workflow cannot be started (the run is then failed)
   */
  RunRecord start(String id, String body) {
    return start(id, body, Map.of());
  }

  /**
   * As {@link #start(String, String)}, with uploaded files: each part is the input of its name (see
   * {@link RunUploads}).
   *
   * @throws ApiException also 400 for a part whose name is not a declared input or that is also
   *     given in {@code inputs}, 413/415 for a file that is too long or not media
   */
  RunRecord start(String id, String body, Map<String, MultipartFile> files) {
    RunBody request = parse(body);
    DefinitionRecord record = definitions.find(id, request.version());
    PipelineDefinition definition = definitions.runnable(record);
    String runId = UUID.randomUUID().toString().replace("-", "");
    Map<String, Object> given = new LinkedHashMap<>(request.inputs());
    if (!files.isEmpty()) {
      Map<String, ?> declared = definition.inputs() == null ? Map.of() : definition.inputs();
      for (String name : files.keySet()) {
        if (!declared.containsKey(name)) {
          throw ApiException.badRequest(
              "The file part '"
                  + name
                  + "' is not an input of "
                  + id
                  + "; declared inputs: "
                  + String.join(", ", declared.keySet()));
        }
        if (given.containsKey(name)) {
          throw ApiException.badRequest(
              "Input '" + name + "' is given both as a file and in inputs");
        }
      }
      given.putAll(uploads.store(runId, files));
    }
    List<Problem> problems = DefinitionValidator.checkInputs(definition, given);
    if (!problems.isEmpty()) {
      uploads.discard(runId);
      throw ProblemsException.of(
          HttpStatus.BAD_REQUEST, "The inputs do not match the definition", problems);
    }
    Map<String, Object> inputs = DefinitionValidator.effectiveInputs(definition, given);
    RunRecord row = runs.create(runId, record.id(), record.version(), inputs);
    try {
      workflows.start(new PipelineRun(runId, definition, inputs));
    } catch (RuntimeException e) {
      uploads.discard(runId);
      log.error("Could not start the workflow of run {}", runId, e);
      String message =
          "The run could not be started because the workflow service is unavailable; please try"
              + " again later";
      try {
        runs.ended(runId, RunRecord.FAILED, null, message);
      } catch (RuntimeException storeFailure) {
        log.error("Could not mark run {} failed", runId, storeFailure);
      }
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          message + " (run " + runId + " was marked failed)",
          Map.of("run_id", runId));
    }
    return row;
  }

  /** The run and its live state, if its workflow answers. */
  Map<String, Object> get(String runId) {
    RunRecord row = find(runId);
    RunState state = workflows.state(runId).orElse(null);
    return RunView.of(row, state, state == null ? Map.of() : workflows.attempts(runId));
  }

  JdbcRunStore.Page list(String definitionId, String status, int limit, long offset) {
    return runs.query(definitionId, status, limit, offset);
  }

  /**
   * Cancels a running run: its workflow gets a cancellation request (running steps stop, the
   * working folder is removed) and the row records {@code cancelled} at once.
   *
   * @throws ApiException 404 for an unknown run, 409 for one that has already ended, 503 when the
   *     workflow service cannot be reached (nothing changes)
   */
  RunRecord cancel(String runId) {
    RunRecord row = find(runId);
    if (row.ended()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Run " + runId + " has already ended (" + row.status() + ")",
          Map.of("run_id", runId, "status", row.status()));
    }
    boolean requested;
    try {
      requested = workflows.cancel(runId);
    } catch (RuntimeException e) {
      log.warn("Could not cancel the workflow of run {}", runId, e);
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "The run could not be cancelled because the workflow service is unavailable; please"
              + " try again later",
          Map.of("run_id", runId));
    }
    Optional<RunState> state = requested ? Optional.empty() : workflows.state(runId);
    if (state.isPresent() && RunView.ended(state.get())) {
      // It ended just before the request; its runEnded report may not have landed yet.
      RunState s = state.get();
      runs.ended(runId, s.status(), s.outputs(), s.error());
    } else {
      // Cancelled now, or gone with a restarted embedded server and never to end otherwise.
      runs.ended(runId, RunRecord.CANCELLED, null, "Cancelled over the API");
    }
    return find(runId);
  }

  private RunRecord find(String runId) {
    return runs.find(runId)
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Run " + runId + " not found"));
  }

  /** The body of a run request. */
  private record RunBody(Map<String, Object> inputs, Integer version) {}

  @SuppressWarnings("unchecked")
  private static RunBody parse(String body) {
    if (body == null || body.isBlank()) {
      return new RunBody(Map.of(), null);
    }
    Object json;
    try {
      json = PipelineJson.read(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "The request body is not valid JSON: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw ApiException.badRequest(
          "The request body must be a JSON object {\"inputs\": {...}, \"version\": n}");
    }
    for (Object key : map.keySet()) {
      if (!BODY_FIELDS.contains(key)) {
        throw ApiException.badRequest(
            "Unknown field '" + key + "' in the request body; allowed: inputs, version");
      }
    }
    Object inputs = map.get("inputs");
    if (inputs != null && !(inputs instanceof Map)) {
      throw ApiException.badRequest("The 'inputs' field must be a JSON object");
    }
    Object version = map.get("version");
    Integer v = null;
    if (version != null) {
      if (!(version instanceof Integer n) || n < 1) {
        throw ApiException.badRequest("The 'version' field must be an integer of at least 1");
      }
      v = n;
    }
    return new RunBody(inputs == null ? Map.of() : (Map<String, Object>) inputs, v);
  }
}
