package org.sttplatform.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhisperLanguagesTest {
  @Test
  void everyCodeHasItsWhisperName() {
    assertThat(WhisperLanguages.NAMES)
        .hasSameSizeAs(WhisperLanguages.CODES)
        .doesNotHaveDuplicates();
    assertThat(WhisperLanguages.name("en")).isEqualTo("english");
    assertThat(WhisperLanguages.name("ZH")).isEqualTo("chinese");
    assertThat(WhisperLanguages.name("haw")).isEqualTo("hawaiian");
    assertThat(WhisperLanguages.name("yue")).isEqualTo("cantonese");
    assertThat(WhisperLanguages.name("ht")).isEqualTo("haitian creole");
    assertThat(WhisperLanguages.name("xx")).isNull();
    assertThat(WhisperLanguages.name(null)).isNull();
  }
}
