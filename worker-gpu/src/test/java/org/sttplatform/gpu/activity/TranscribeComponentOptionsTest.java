package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/**
 * A transcribe step's {@code language}, {@code word_timestamps} and {@code initial_prompt}: absent
 * (the component gives them no default), the step's {@code options} decide; given, they win.
 */
class TranscribeComponentOptionsTest {
  private static final Map<String, Object> OPTIONS =
      Map.of("language", "de", "word_timestamps", true, "initial_prompt", "Hallo");

  @Test
  void absentParametersFallBackToTheOptions() {
    DecodeOptions o = TranscribeComponentImpl.options(input(null, null, null, OPTIONS));

    assertThat(o.language()).isEqualTo("de");
    assertThat(o.wordTimestamps()).isTrue();
    assertThat(o.initialPrompt()).isEqualTo("Hallo");
  }

  @Test
  void givenParametersWinOverTheOptions() {
    DecodeOptions o = TranscribeComponentImpl.options(input("fr", false, "Bonjour", OPTIONS));

    assertThat(o.language()).isEqualTo("fr");
    assertThat(o.wordTimestamps()).isFalse();
    assertThat(o.initialPrompt()).isEqualTo("Bonjour");
  }

  @Test
  void withNeitherTheDecodeDefaultsApply() {
    DecodeOptions o = TranscribeComponentImpl.options(input(null, null, null, null));

    assertThat(o.language()).isEqualTo(DecodeOptions.defaults().language());
    assertThat(o.wordTimestamps()).isFalse();
    assertThat(o.initialPrompt()).isEqualTo(DecodeOptions.defaults().initialPrompt());
  }

  private static TranscribeStepInput input(
      String language, Boolean words, String prompt, Map<String, Object> options) {
    return new TranscribeStepInput(
        "/w", null, null, "transcribe", null, language, words, prompt, options, null);
  }
}
