package org.sttplatform.api.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sttplatform.api.store.DefinitionRecord;

/** A stored definition version as the API shows it. */
final class DefinitionView {
  private DefinitionView() {}

  /** Id, version, description, trigger type and time; with the definition itself if asked. */
  static Map<String, Object> of(DefinitionRecord d, boolean withDefinition) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", d.id());
    v.put("version", d.version());
    v.put("description", d.description());
    v.put("trigger_type", d.triggerType());
    v.put("created_at", PipelineJson.time(d.createdAt()));
    if (withDefinition) {
      v.put("definition", PipelineJson.object(d.content()));
    }
    return v;
  }
}
