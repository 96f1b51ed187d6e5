package org.sttplatform.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "10s, PT10S",
    "5m, PT5M",
    "1h, PT1H",
    "1h30m, PT1H30M",
    "2d, PT48H",
    "1m30s, PT1M30S",
    "1h0m5s250ms, PT1H0M5.25S",
    "0s, PT0S",
    "90s, PT1M30S"
  })
  void parsesEveryForm(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    assertThat(Durations.isValid(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10",
        "s",
        "1.5s",
        "-1s",
        "1 h",
        "30m1h",
        "1h1h",
        "10S",
        "1ms5s",
        "PT10S",
        "1h 30m",
        "10sec",
        "m5",
        "99999999999999999999d"
      })
  void rejectsMalformed(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
    assertThat(Durations.isValid(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "10s", "1h30m", "2d", "1d2h3m4s5ms", "0s"})
  void formatReadsBack(String text) {
    assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void nullIsRejected() {
    assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
