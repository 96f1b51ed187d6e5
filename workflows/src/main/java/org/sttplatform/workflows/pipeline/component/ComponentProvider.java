package org.sttplatform.workflows.pipeline.component;

import java.util.List;

/**
 * Adds components from a jar of one's own, found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code
 * META-INF/services/org.sttplatform.workflows.pipeline.component.ComponentProvider}. The same jar
 * goes on the classpath of the API (which validates definitions) and of the workers: the CPU worker
 * (which runs the pipelines) and the worker that hosts the activity, which registers {@link
 * #activities()} on the component's task queue.
 */
public interface ComponentProvider {

  /** The components this jar adds; their names must not clash with others. */
  List<ComponentSpec> components();

  /**
   * The activity implementations behind {@link #components()} that run on {@code taskQueue}: the
   * worker serving that queue registers them (the CPU worker asks for {@code stt-cpu}, the
   * transcription worker for {@code stt-gpu}).
   */
  default List<Object> activities(String taskQueue) {
    return List.of();
  }
}
