package org.sttplatform.workflows.pipeline.engine;

import java.util.ArrayList;

/** Lets benchmarks in other packages use the test components of this package. */
public final class EchoAccess {
  public static final String QUEUE = EchoComponents.QUEUE;

  private EchoAccess() {}

  public static Object echo() {
    return new EchoComponents.EchoImpl();
  }

  /** A run store that only records the calls. */
  public static Object runStore() {
    return new RecordingRunStore();
  }

  public static Object cleanUpOnly() {
    return new PipelineWorkflowTest.CleanUpOnly(new ArrayList<>());
  }
}
