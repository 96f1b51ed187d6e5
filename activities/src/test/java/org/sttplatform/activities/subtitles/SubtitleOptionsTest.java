package org.sttplatform.activities.subtitles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubtitleOptionsTest {
  @Test
  void absentAndBlankValuesTakeTheDefaults() {
    Map<String, Object> values = new HashMap<>();
    values.put("max_line_width", " ");
    values.put("max_cue_duration", null);
    assertThat(SubtitleOptions.from(values)).isEqualTo(SubtitleOptions.defaults());
    assertThat(SubtitleOptions.defaults()).isEqualTo(new SubtitleOptions(42, 2, null, false));
  }

  @Test
  void textAndJsonValuesAreRead() {
    assertThat(
            SubtitleOptions.from(
                Map.of(
                    "max_line_width", "30",
                    "max_line_count", 3.0,
                    "max_cue_duration", "4.5",
                    "highlight_words", "yes")))
        .isEqualTo(new SubtitleOptions(30, 3, 4.5, true));
    assertThat(SubtitleOptions.from(Map.of("max_line_width", 16L, "highlight_words", false)))
        .isEqualTo(new SubtitleOptions(16, 2, null, false));
  }

  @Test
  void badValuesNameTheParameterAndWhatItAccepts() {
    assertThatThrownBy(() -> SubtitleOptions.from(Map.of("max_line_width", "0")))
        .isInstanceOf(InvalidSubtitleRequest.class)
        .hasMessage(
            "Invalid value '0' for parameter 'max_line_width'; expected an integer between 1 and"
                + " 1000");
    assertThatThrownBy(() -> SubtitleOptions.from(Map.of("max_line_count", 2.5)))
        .hasMessageContaining("'max_line_count'; expected an integer between 1 and 10");
    assertThatThrownBy(() -> SubtitleOptions.from(Map.of("max_line_width", "-3")))
        .hasMessageContaining("'max_line_width'");
    assertThatThrownBy(() -> SubtitleOptions.from(Map.of("max_cue_duration", "0.1")))
        .hasMessageContaining("'max_cue_duration'; expected a number of seconds between 0.5 and");
    assertThatThrownBy(() -> SubtitleOptions.from(Map.of("max_cue_duration", "NaN")))
        .hasMessageContaining("'max_cue_duration'");
    assertThatThrownBy(() -> SubtitleOptions.from(Map.of("highlight_words", "maybe")))
        .hasMessage(
            "Invalid value 'maybe' for parameter 'highlight_words'; allowed values: true, false");
  }

  @Test
  void formatsAreParsedByNameAndUnknownOnesListTheAllowedValues() {
    assertThat(SubtitleFormat.parse("output_format", " SRT ")).isEqualTo(SubtitleFormat.SRT);
    assertThat(SubtitleFormat.parse("output_format", "tsv").mediaType())
        .isEqualTo("text/tab-separated-values");
    assertThatThrownBy(() -> SubtitleFormat.parse("output_format", "ass"))
        .isInstanceOf(InvalidSubtitleRequest.class)
        .hasMessage(
            "Invalid value 'ass' for parameter 'output_format'; allowed values: srt, vtt, txt,"
                + " tsv, json");
  }
}
