package org.sttplatform.gpu.fleet;

import org.sttplatform.workflows.pipeline.component.TranscribeComponent;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/**
 * The {@code transcribe} component, holding one of the worker's {@link FleetSlots} while it runs.
 */
public final class CountedTranscribe implements TranscribeComponent {
  private final TranscribeComponent component;
  private final FleetSlots slots;

  public CountedTranscribe(TranscribeComponent component, FleetSlots slots) {
    this.component = component;
    this.slots = slots;
  }

  @Override
  public TranscribeOutput transcribe(TranscribeStepInput input) {
    slots.started();
    try {
      return component.transcribe(input);
    } finally {
      slots.ended();
    }
  }
}
