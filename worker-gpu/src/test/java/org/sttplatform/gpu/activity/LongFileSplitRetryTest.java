package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.Transcript;

/** A part whose first attempt fails is run again alone, and the stitched transcript is complete. */
class LongFileSplitRetryTest extends AbstractLongFileSplitTest {

  @Test
  void aFailedPartIsRetriedAloneAndTheTranscriptIsComplete() throws Exception {
    failOnePart.set(true);

    Map<String, Object> result = split(input("retry", null), SPAN);

    assertThat(failedClip).isNotNull();
    assertThat(byClip).hasSizeGreaterThan(2);
    for (Map.Entry<Double, AtomicInteger> e : byClip.entrySet()) {
      // The failed part ran twice; every other part once.
      assertThat(e.getValue().get())
          .as("recognitions of the part from %s s", e.getKey())
          .isEqualTo(e.getKey().equals(failedClip) ? 2 : 1);
    }
    Transcript stitched = transcript("retry", TranscriptionActivitiesImpl.TRANSCRIPT_FILE);
    int count = 0;
    for (int i = 1; i <= byClip.size(); i++) {
      count += transcript("retry", TranscribeSplitImpl.partFile(i)).segments().size();
    }
    assertThat(stitched.segments()).hasSize(count);
    @SuppressWarnings("unchecked")
    Map<String, Object> output = (Map<String, Object>) result.get("output");
    assertThat(output.get("segment_count")).isEqualTo(count);
  }
}
