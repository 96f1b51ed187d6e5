package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.VadOptions;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/** A definition's transcribe step turns VAD on through its {@code options}, by the JSON names. */
class TranscribeComponentVadTest {

  @Test
  void vadFilterAndItsParametersComeFromTheStepsOptions() {
    TranscribeStepInput input =
        new TranscribeStepInput(
            "/w",
            null,
            null,
            "transcribe",
            null,
            "en",
            null,
            null,
            Map.of(
                "vad_filter",
                true,
                "vad_parameters",
                Map.of("threshold", 0.6, "min_silence_duration_ms", 500)),
            null);
    DecodeOptions o = TranscribeComponentImpl.options(input);
    assertThat(o.vadFilter()).isTrue();
    assertThat(o.vadParameters()).isEqualTo(new VadOptions(0.6, null, null, null, 500, null));
  }

  @Test
  void withoutThemVadIsOff() {
    TranscribeStepInput input =
        new TranscribeStepInput("/w", null, null, "transcribe", null, null, null, null, null, null);
    DecodeOptions o = TranscribeComponentImpl.options(input);
    assertThat(o.vadFilter()).isFalse();
    assertThat(o.vadParameters()).isNull();
  }
}
