package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.workflows.model.DecodeOptions;

class DecodeSettingsTest {

  private static List<List<Double>> pairs(List<double[]> clips) {
    return clips.stream().map(c -> Arrays.stream(c).boxed().toList()).toList();
  }

  @Test
  void clipTimestampsBecomePairsAndAnOddLastClipRunsToTheEnd() throws Exception {
    assertThat(pairs(DecodeSettings.clips(List.of(1.0, 2.0, 5.0), 10.0)))
        .containsExactly(List.of(1.0, 2.0), List.of(5.0, 10.0));
    assertThat(pairs(DecodeSettings.clips(List.of(0.0, 30.0), 10.0)))
        .containsExactly(List.of(0.0, 10.0));
    assertThat(pairs(DecodeSettings.clips(List.of(3.0, 2.0, 4.0, 6.0), 10.0)))
        .containsExactly(List.of(4.0, 6.0));
    assertThat(DecodeSettings.clips(List.of(), 10.0)).isEmpty();
    assertThat(DecodeSettings.clips(null, 10.0)).isEmpty();
  }

  @Test
  void clipsOutsideTheAudioAreRejected() {
    assertThatThrownBy(() -> DecodeSettings.clips(List.of(20.0, 30.0), 10.0))
        .isInstanceOf(DecodeSettings.InvalidOptionsException.class)
        .hasMessageContaining("select nothing");
  }

  @Test
  void defaultsMapToWhisperDefaults() throws Exception {
    RecognitionSettings s = DecodeSettings.map(null, false, 4, 60);

    assertThat(s.language()).isNull();
    assertThat(s.temperatures()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
    assertThat(s.compressionRatioThreshold()).isEqualTo(2.4);
    assertThat(s.noSpeechThreshold()).isEqualTo(0.6);
    assertThat(s.conditionOnPreviousText()).isTrue();
    assertThat(s.initialPrompt()).isNull();
    assertThat(s.prependPunctuations()).isEqualTo(DecodeOptions.DEFAULT_PREPEND);
    assertThat(s.appendPunctuations()).isEqualTo(DecodeOptions.DEFAULT_APPEND);
    assertThat(s.clips()).isEmpty();
    assertThat(s.hallucinationSilenceThreshold()).isNull();
    assertThat(s.threads()).isEqualTo(4);
  }

  @Test
  void nullThresholdsDisableTheChecksAndBlanksAreNone() throws Exception {
    DecodeOptions o =
        new DecodeOptions("auto", List.of(), null, null, true, "  ", false, null, null, null, null);

    RecognitionSettings s = DecodeSettings.map(o, true, 0, 60);

    assertThat(s.language()).isNull();
    assertThat(s.translate()).isTrue();
    assertThat(s.temperatures()).containsExactly(0.0);
    assertThat(s.compressionRatioThreshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(s.noSpeechThreshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(s.initialPrompt()).isNull();
    assertThat(s.threads()).isEqualTo(1);
  }

  @Test
  void withoutSearchOptionsDecodingIsGreedyWithFiveFallbackSamples() throws Exception {
    RecognitionSettings s = DecodeSettings.map(DecodeOptions.defaults(), false, 1, 60);
    assertThat(s.beamSize()).isNull();
    assertThat(s.bestOf()).isEqualTo(5);
    assertThat(s.patience()).isNull();
  }

  @Test
  void searchOptionsMapOneToOne() throws Exception {
    RecognitionSettings s =
        DecodeSettings.map(DecodeOptions.defaults().withSearch(2, 3, 1.0), false, 1, 60);
    assertThat(s.beamSize()).isEqualTo(2);
    assertThat(s.bestOf()).isEqualTo(3);
    assertThat(s.patience()).isEqualTo(1.0);
    RecognitionSettings beamOnly =
        DecodeSettings.map(DecodeOptions.defaults().withSearch(4, null, null), false, 1, 60);
    assertThat(beamOnly.beamSize()).isEqualTo(4);
    assertThat(beamOnly.bestOf()).isEqualTo(5);
    assertThat(beamOnly.withClips(List.of()).beamSize()).as("withClips keeps them").isEqualTo(4);
  }

  @Test
  void searchOptionsWhisperCppCannotHonourAreInvalidOptionsNamingThem() {
    assertThatThrownBy(
            () ->
                DecodeSettings.map(
                    DecodeOptions.defaults().withSearch(9, null, null), false, 1, 60))
        .isInstanceOf(DecodeSettings.InvalidOptionsException.class)
        .hasMessageContaining("'beam_size'; expected an integer from 1 to 8");
    assertThatThrownBy(
            () ->
                DecodeSettings.map(DecodeOptions.defaults().withSearch(2, null, 0.5), false, 1, 60))
        .isInstanceOf(DecodeSettings.InvalidOptionsException.class)
        .hasMessageContaining("'patience'");
  }
}
