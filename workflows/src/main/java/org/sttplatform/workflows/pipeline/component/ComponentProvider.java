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
   * The activity implementations behind {@link #components()}, to register on the workers that
   * serve their task queues; empty if another module registers them.
   */
  default List<Object> activities() {
    return List.of();
  }
}
