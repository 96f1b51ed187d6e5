package org.sttplatform.api.pipeline;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.sttplatform.api.store.DefinitionRecord;
import org.sttplatform.api.store.JdbcDefinitionStore;
import org.sttplatform.api.web.ApiException;
import org.sttplatform.definitions.DefinitionJson;
import org.sttplatform.definitions.DefinitionValidator;
import org.sttplatform.definitions.Problem;
import org.sttplatform.definitions.ShippedDefinitions;
import org.sttplatform.definitions.Validation;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * Validates, stores and reads definitions. A stored definition is validated first and written as
 * one row, so an invalid one never leaves anything behind. The version is the store's: a {@code
 * version} in the body is ignored (the stored JSON carries the number it was given). At start the
 * shipped definitions are stored as version 1 if no version of their id exists (also after a {@code
 * DELETE}, at the next start).
 */
@Service
class DefinitionService implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DefinitionService.class);

  private final JdbcDefinitionStore store;
  private final ComponentRegistry registry;

  DefinitionService(JdbcDefinitionStore store, ComponentRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  /** Seeds the shipped definitions; runs after the migrations, before requests are served. */
  @Override
  public void run(ApplicationArguments args) {
    for (String name : ShippedDefinitions.NAMES) {
      Validation v = DefinitionValidator.validate(ShippedDefinitions.json(name), registry);
      if (!v.valid()) {
        log.error("Shipped definition {} is invalid: {}", name, v.problems());
        continue;
      }
      Prepared p = prepare(v.definition(), DefinitionRecord.MANUAL);
      if (store.addIfAbsent(p.id(), p.description(), p.hash(), p.triggerType(), p.content(1))) {
        log.info("Stored the shipped definition {} as version 1", name);
      }
    }
  }

  /** Every problem of {@code json}; never throws for bad input. */
  Validation validate(String json) {
    return DefinitionValidator.validate(json, registry);
  }

  /**
   * Validates and stores {@code json} as the next version of its id.
   *
   * @throws ApiException 400 listing every problem if it is invalid
   */
  JdbcDefinitionStore.Added store(String json) {
    Validation v = validate(json);
    if (!v.valid()) {
      throw ProblemsException.of(HttpStatus.BAD_REQUEST, "The definition is invalid", v.problems());
    }
    return store(v.definition(), DefinitionRecord.MANUAL);
  }

  /**
   * Stores a definition already read and checked by the caller (the original schema's mapping),
   * after the semantic checks.
   *
   * @throws ApiException 400 listing every problem if it is invalid
   */
  JdbcDefinitionStore.Added store(PipelineDefinition definition, String triggerType) {
    List<Problem> problems = DefinitionValidator.validate(definition, registry);
    if (!problems.isEmpty()) {
      throw ProblemsException.of(HttpStatus.BAD_REQUEST, "The definition is invalid", problems);
    }
    Prepared p = prepare(definition, triggerType);
    return store.add(p.id(), p.description(), p.hash(), p.triggerType(), p::content);
  }

  /**
   * The latest version of {@code id}, or {@code version} of it.
   *
   * @throws ApiException 404 for an unknown id or version
   */
  DefinitionRecord find(String id, Integer version) {
    if (version == null) {
      return store
          .latest(id)
          .orElseThrow(
              () -> new ApiException(HttpStatus.NOT_FOUND, "Definition '" + id + "' not found"));
    }
    return store
        .find(id, version)
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.NOT_FOUND,
                    store.latest(id).isPresent()
                        ? "Definition '" + id + "' has no version " + version
                        : "Definition '" + id + "' not found"));
  }

  List<DefinitionRecord> latestOfEach() {
    return store.latestOfEach();
  }

  /**
   * Deletes every version of {@code id}. Started runs keep running: their definition is part of
   * their workflow input.
   *
   * @throws ApiException 404 for an unknown id
   */
  void delete(String id) {
    if (!store.delete(id)) {
      throw new ApiException(HttpStatus.NOT_FOUND, "Definition '" + id + "' not found");
    }
  }

  /**
   * The stored definition, read back into a run's definition, checked against today's components (a
   * component may have gone since it was stored).
   *
   * @throws ApiException 409 listing the problems if it no longer validates
   */
  PipelineDefinition runnable(DefinitionRecord record) {
    Validation v = validate(record.content());
    if (!v.valid()) {
      throw ProblemsException.of(
          HttpStatus.CONFLICT,
          "Definition '" + record.id() + "' version " + record.version() + " no longer validates",
          v.problems());
    }
    return v.definition();
  }

  /** What a row is made of; the hash leaves out the version and includes the trigger type. */
  private record Prepared(PipelineDefinition definition, String triggerType, String hash) {
    String id() {
      return definition.id();
    }

    String description() {
      return definition.description();
    }

    String content(int version) {
      return DefinitionJson.write(withVersion(definition, version));
    }
  }

  private static Prepared prepare(PipelineDefinition definition, String triggerType) {
    String unversioned = DefinitionJson.write(withVersion(definition, null));
    return new Prepared(
        definition, triggerType, PipelineJson.sha256(triggerType + "\n" + unversioned));
  }

  private static PipelineDefinition withVersion(PipelineDefinition d, Integer version) {
    return new PipelineDefinition(
        d.id(), version, d.description(), d.inputs(), d.steps(), d.outputs());
  }
}
