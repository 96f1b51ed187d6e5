package org.sttplatform.definitions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttplatform.workflows.pipeline.component.ComponentProvider;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;
import org.sttplatform.workflows.pipeline.component.ComponentSpec;
import org.sttplatform.workflows.pipeline.component.ParamSpec;

/** The built-in components plus an equivalent of the example keywords component. */
final class TestComponents {
  static final ComponentSpec KEYWORDS =
      new ComponentSpec(
          "keywords",
          "Finds where terms are spoken in transcript segments",
          ComponentSpec.Kind.ACTIVITY,
          "component.keywords",
          "stt-cpu",
          params(),
          Duration.ofMinutes(5),
          null,
          null,
          0.05);

  static final ComponentRegistry REGISTRY =
      ComponentRegistry.of(List.<ComponentProvider>of(() -> List.of(KEYWORDS)));

  private TestComponents() {}

  private static Map<String, ParamSpec> params() {
    Map<String, ParamSpec> params = new LinkedHashMap<>();
    params.put("segments", ParamSpec.required("array", "transcript segments"));
    params.put("terms", ParamSpec.required("array", "strings to find"));
    return params;
  }
}
