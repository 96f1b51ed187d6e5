package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JNA structures must match whisper.cpp v1.7.1 byte for byte.
 *
 * <p>How the numbers were measured: a C program printing {@code sizeof}/{@code offsetof} was
 * compiled with gcc 12 (x86-64) against the {@code include/whisper.h} and {@code ggml/include}
 * shipped in npm {@code nodejs-whisper@0.1.19} (whisper.cpp 1.7.3, whose three structs are declared
 * identically to 1.7.1 apart from the rename suppress_non_speech_tokens to suppress_nst). The sizes
 * were then confirmed against the 1.7.1 binary in whisper-jni 1.7.1 by disassembling {@code
 * whisper_full_default_params_by_ref} ({@code operator new(0x108)} = 264) and {@code
 * whisper_context_default_params_by_ref} ({@code operator new(0x30)} = 48). At run time {@link
 * WhisperLibraryLoader} additionally checks the library's default values through these layouts.
 */
class WhisperNativeLayoutTest {

  static final class FullProbe extends WhisperNative.WhisperFullParams {
    int offset(String field) {
      return fieldOffset(field);
    }
  }

  static final class ContextProbe extends WhisperNative.WhisperContextParams {
    int offset(String field) {
      return fieldOffset(field);
    }
  }

  static final class TokenProbe extends WhisperNative.WhisperTokenData {
    int offset(String field) {
      return fieldOffset(field);
    }
  }

  @Test
  void sizesMatchTheMeasuredV171Layout() {
    assertThat(new WhisperNative.WhisperFullParams().size()).isEqualTo(264);
    assertThat(new WhisperNative.WhisperContextParams().size()).isEqualTo(48);
    assertThat(new WhisperNative.WhisperTokenData().size()).isEqualTo(56);
    assertThat(WhisperLibraryLoader.FULL_PARAMS_SIZE).isEqualTo(264);
    assertThat(WhisperLibraryLoader.CONTEXT_PARAMS_SIZE).isEqualTo(48);
    assertThat(WhisperLibraryLoader.TOKEN_DATA_SIZE).isEqualTo(56);
  }

  @Test
  void fullParamsOffsetsMatch() {
    FullProbe p = new FullProbe();
    Map<String, Integer> measured =
        Map.ofEntries(
            Map.entry("n_threads", 4),
            Map.entry("translate", 20),
            Map.entry("token_timestamps", 28),
            Map.entry("thold_pt", 32),
            Map.entry("split_on_word", 44),
            Map.entry("max_tokens", 48),
            Map.entry("debug_mode", 52),
            Map.entry("audio_ctx", 56),
            Map.entry("tdrz_enable", 60),
            Map.entry("suppress_regex", 64),
            Map.entry("initial_prompt", 72),
            Map.entry("prompt_n_tokens", 88),
            Map.entry("language", 96),
            Map.entry("detect_language", 104),
            Map.entry("temperature", 108),
            Map.entry("no_speech_thold", 132),
            Map.entry("greedy", 136),
            Map.entry("beam_search", 140),
            Map.entry("new_segment_callback", 152),
            Map.entry("progress_callback", 168),
            Map.entry("encoder_begin_callback", 184),
            Map.entry("encoder_begin_callback_user_data", 192),
            Map.entry("abort_callback", 200),
            Map.entry("grammar_rules", 232),
            Map.entry("i_start_rule", 248),
            Map.entry("grammar_penalty", 256));
    measured.forEach((field, off) -> assertThat(p.offset(field)).as(field).isEqualTo(off));
  }

  @Test
  void contextParamsAndTokenDataOffsetsMatch() {
    ContextProbe c = new ContextProbe();
    Map.of(
            "gpu_device", 4,
            "dtw_token_timestamps", 8,
            "dtw_aheads_preset", 12,
            "dtw_n_top", 16,
            "dtw_aheads", 24,
            "dtw_mem_size", 40)
        .forEach((field, off) -> assertThat(c.offset(field)).as(field).isEqualTo(off));
    TokenProbe t = new TokenProbe();
    assertThat(t.offset("t0")).isEqualTo(24);
    assertThat(t.offset("vlen")).isEqualTo(48);
  }

  @Test
  void bundledLibraryPassesTheLoadTimeChecks() {
    WhisperNative lib = WhisperLibraryLoader.load();
    assertThat(lib.whisper_lang_max_id()).isEqualTo(99);
    assertThat(lib.whisper_lang_str(0)).isEqualTo("en");
    assertThat(lib.whisper_print_system_info()).contains("AVX");
  }

  @Test
  void theApisLanguageListIsTheLibrarys() {
    WhisperNative lib = WhisperLibraryLoader.load();
    java.util.List<String> native_ = new java.util.ArrayList<>();
    for (int id = 0; id <= lib.whisper_lang_max_id(); id++) {
      native_.add(lib.whisper_lang_str(id));
    }
    assertThat(org.sttplatform.workflows.model.WhisperLanguages.CODES).isEqualTo(native_);
  }
}
