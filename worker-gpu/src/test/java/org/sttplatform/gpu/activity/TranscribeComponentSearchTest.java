package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/**
 * A definition's transcribe step takes beam_size, best_of and patience in its {@code options} by
 * their tasks/create names, and fails with InvalidOptions naming one whisper.cpp cannot honour.
 */
class TranscribeComponentSearchTest {

  private static TranscribeStepInput step(Map<String, Object> options) {
    return new TranscribeStepInput(
        "/w", null, null, "transcribe", null, "en", null, null, options, null);
  }

  @Test
  void searchOptionsComeFromTheStepsOptions() {
    DecodeOptions o =
        TranscribeComponentImpl.options(step(Map.of("beam_size", 3, "best_of", 2, "patience", 1)));
    assertThat(o.beamSize()).isEqualTo(3);
    assertThat(o.bestOf()).isEqualTo(2);
    assertThat(o.patience()).isEqualTo(1.0);
    assertThat(TranscribeComponentImpl.options(step(null)).beamSize()).isNull();
  }

  @Test
  void optionsWhisperCppCannotHonourFailTheStepNamingThem() {
    assertInvalid(Map.of("beam_size", 9), "'beam_size'; expected an integer from 1 to 8");
    assertInvalid(Map.of("best_of", 0), "'best_of'");
    assertInvalid(Map.of("beam_size", 2, "patience", 1.5), "does not implement beam-search");
    assertInvalid(Map.of("beam_size", 2.5), "beam_size");
    assertInvalid(Map.of("beam_size", "two"), "beam_size");
    assertInvalid(Map.of("beam_sizes", 2), "beam_sizes");
    assertInvalid(
        Map.of("best_of", 2, "temperature", java.util.List.of(0.0)), "temperatures above 0");
  }

  private static void assertInvalid(Map<String, Object> options, String message) {
    assertThatThrownBy(() -> TranscribeComponentImpl.options(step(options)))
        .as(options.toString())
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(Failures.INVALID_OPTIONS);
              assertThat(f.isNonRetryable()).isTrue();
            })
        .hasMessageContaining(message);
  }
}
