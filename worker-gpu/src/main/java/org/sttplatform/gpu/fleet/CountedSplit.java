package org.sttplatform.gpu.fleet;

import java.util.Map;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.pipeline.component.TranscribeSplit;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;

/**
 * The split activities, the leased ones (the plan and each part) holding one of the worker's {@link
 * FleetSlots} while they run, as a transcription does: a lease set the slot aside for them.
 */
public final class CountedSplit implements TranscribeSplit {
  private final TranscribeSplit split;
  private final FleetSlots slots;

  public CountedSplit(TranscribeSplit split, FleetSlots slots) {
    this.split = split;
    this.slots = slots;
  }

  @Override
  public SplitPlan plan(PlanInput input) {
    slots.started();
    try {
      return split.plan(input);
    } finally {
      slots.ended();
    }
  }

  @Override
  public TranscriptRef part(Map<String, Object> input) {
    slots.started();
    try {
      return split.part(input);
    } finally {
      slots.ended();
    }
  }

  @Override
  public TranscribeOutput stitch(StitchInput input) {
    return split.stitch(input); // on the shared queue, not leased: no slot
  }
}
