package org.sttplatform.activities.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {

  @Test
  void defaultsWithoutAnyVariable() {
    LlmSettings s = LlmSettings.fromEnv(Map.of("STT_LLM_API_KEY", "  "));
    assertThat(s.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(s.hasApiKey()).isFalse();
    assertThat(s.model()).isEqualTo("gpt-4o-mini");
    assertThat(s.contextTokens()).isEqualTo(16_384);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(s.maxRetries()).isEqualTo(3);
  }

  @Test
  void everyVariableIsRead() {
    LlmSettings s =
        LlmSettings.fromEnv(
            Map.of(
                "STT_LLM_BASE_URL", "http://llm.internal:8000/v1",
                "STT_LLM_API_KEY", " sk-abc ",
                "STT_LLM_MODEL", "qwen2.5:7b",
                "STT_LLM_CONTEXT_TOKENS", "32768",
                "STT_LLM_TIMEOUT_SECONDS", "30",
                "STT_LLM_MAX_RETRIES", "0"));
    assertThat(s.baseUrl()).isEqualTo("http://llm.internal:8000/v1");
    assertThat(s.apiKey()).isEqualTo("sk-abc");
    assertThat(s.model()).isEqualTo("qwen2.5:7b");
    assertThat(s.contextTokens()).isEqualTo(32_768);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.maxRetries()).isZero();
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> LlmSettings.fromEnv(Map.of("STT_LLM_CONTEXT_TOKENS", "16k")))
        .hasMessageContaining("STT_LLM_CONTEXT_TOKENS");
    assertThatThrownBy(() -> LlmSettings.fromEnv(Map.of("STT_LLM_CONTEXT_TOKENS", "100")))
        .hasMessageContaining("STT_LLM_CONTEXT_TOKENS")
        .hasMessageContaining("1024");
    assertThatThrownBy(() -> LlmSettings.fromEnv(Map.of("STT_LLM_TIMEOUT_SECONDS", "0")))
        .hasMessageContaining("STT_LLM_TIMEOUT_SECONDS");
    assertThatThrownBy(() -> LlmSettings.fromEnv(Map.of("STT_LLM_MAX_RETRIES", "-1")))
        .hasMessageContaining("STT_LLM_MAX_RETRIES");
    assertThatThrownBy(() -> LlmSettings.fromEnv(Map.of("STT_LLM_BASE_URL", "api.openai.com")))
        .hasMessageContaining("STT_LLM_BASE_URL");
  }

  @Test
  void toStringNeverShowsTheKey() {
    LlmSettings s = LlmSettings.fromEnv(Map.of("STT_LLM_API_KEY", "sk-very-secret"));
    assertThat(s.toString()).doesNotContain("sk-very-secret").contains("apiKey=(set)");
  }
}
