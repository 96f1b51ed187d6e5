package org.sttplatform.gpu.whisper;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * JNA mapping of the part of the whisper.cpp <b>v1.7.1</b> C API ({@code include/whisper.h}) that
 * this module uses. Obtain it from {@link WhisperLibraryLoader#load}; do not {@code Native.load} it
 * yourself (libggml must be loaded first).
 *
 * <p>Struct layouts mirror v1.7.1 exactly; C {@code bool} is mapped to {@code byte} (JNA's {@code
 * boolean} is 4 bytes). Sizes measured from the v1.7.1 headers and confirmed against the shipped
 * {@code libwhisper.so.1} (see {@link WhisperLibraryLoader}): whisper_full_params 264 bytes,
 * whisper_context_params 48, whisper_token_data 56.
 */
public interface WhisperNative extends Library {

  int WHISPER_SAMPLING_GREEDY = 0;
  int WHISPER_SAMPLING_BEAM_SEARCH = 1;

  /** {@code ggml_log_callback}: {@code void (*)(enum ggml_log_level, const char *, void *)}. */
  interface LogCallback extends Callback {
    void invoke(int level, Pointer text, Pointer userData);
  }

  /** {@code whisper_new_segment_callback}. */
  interface NewSegmentCallback extends Callback {
    void invoke(Pointer ctx, Pointer state, int nNew, Pointer userData);
  }

  /** {@code whisper_progress_callback}. */
  interface ProgressCallback extends Callback {
    void invoke(Pointer ctx, Pointer state, int progress, Pointer userData);
  }

  /** {@code whisper_encoder_begin_callback}; returning false stops whisper_full (returns 0). */
  interface EncoderBeginCallback extends Callback {
    byte invoke(Pointer ctx, Pointer state, Pointer userData);
  }

  /** {@code ggml_abort_callback}: returning true aborts the running computation. */
  interface AbortCallback extends Callback {
    byte invoke(Pointer userData);
  }

  /** {@code whisper_logits_filter_callback}. */
  interface LogitsFilterCallback extends Callback {
    void invoke(
        Pointer ctx, Pointer state, Pointer tokens, int nTokens, Pointer logits, Pointer userData);
  }

  /** {@code struct whisper_aheads} (embedded in the context params). */
  @FieldOrder({"n_heads", "heads"})
  class WhisperAheads extends Structure {
    public long n_heads;
    public Pointer heads;
  }

  /** {@code struct whisper_context_params} (48 bytes on x86-64). */
  @FieldOrder({
    "use_gpu",
    "flash_attn",
    "gpu_device",
    "dtw_token_timestamps",
    "dtw_aheads_preset",
    "dtw_n_top",
    "dtw_aheads",
    "dtw_mem_size"
  })
  class WhisperContextParams extends Structure {
    public byte use_gpu;
    public byte flash_attn;
    public int gpu_device;
    public byte dtw_token_timestamps;
    public int dtw_aheads_preset;
    public int dtw_n_top;
    public WhisperAheads dtw_aheads;
    public long dtw_mem_size;

    public WhisperContextParams() {}

    public WhisperContextParams(Pointer p) {
      super(p);
      read();
    }

    /** Passed by value to {@code whisper_init_from_file_with_params_no_state}. */
    public static class ByValue extends WhisperContextParams implements Structure.ByValue {
      public ByValue() {}

      public ByValue(Pointer p) {
        super(p);
      }
    }
  }

  /** {@code whisper_full_params.greedy}. */
  @FieldOrder({"best_of"})
  class Greedy extends Structure {
    public int best_of;
  }

  /** {@code whisper_full_params.beam_search}. */
  @FieldOrder({"beam_size", "patience"})
  class BeamSearch extends Structure {
    public int beam_size;
    public float patience;
  }

  /** {@code struct whisper_full_params} of v1.7.1 (264 bytes on x86-64). */
  @FieldOrder({
    "strategy",
    "n_threads",
    "n_max_text_ctx",
    "offset_ms",
    "duration_ms",
    "translate",
    "no_context",
    "no_timestamps",
    "single_segment",
    "print_special",
    "print_progress",
    "print_realtime",
    "print_timestamps",
    "token_timestamps",
    "thold_pt",
    "thold_ptsum",
    "max_len",
    "split_on_word",
    "max_tokens",
    "debug_mode",
    "audio_ctx",
    "tdrz_enable",
    "suppress_regex",
    "initial_prompt",
    "prompt_tokens",
    "prompt_n_tokens",
    "language",
    "detect_language",
    "suppress_blank",
    "suppress_non_speech_tokens",
    "temperature",
    "max_initial_ts",
    "length_penalty",
    "temperature_inc",
    "entropy_thold",
    "logprob_thold",
    "no_speech_thold",
    "greedy",
    "beam_search",
    "new_segment_callback",
    "new_segment_callback_user_data",
    "progress_callback",
    "progress_callback_user_data",
    "encoder_begin_callback",
    "encoder_begin_callback_user_data",
    "abort_callback",
    "abort_callback_user_data",
    "logits_filter_callback",
    "logits_filter_callback_user_data",
    "grammar_rules",
    "n_grammar_rules",
    "i_start_rule",
    "grammar_penalty"
  })
  class WhisperFullParams extends Structure {
    public int strategy;
    public int n_threads;
    public int n_max_text_ctx;
    public int offset_ms;
    public int duration_ms;
    public byte translate;
    public byte no_context;
    public byte no_timestamps;
    public byte single_segment;
    public byte print_special;
    public byte print_progress;
    public byte print_realtime;
    public byte print_timestamps;
    public byte token_timestamps;
    public float thold_pt;
    public float thold_ptsum;
    public int max_len;
    public byte split_on_word;
    public int max_tokens;
    public byte debug_mode;
    public int audio_ctx;
    public byte tdrz_enable;
    public String suppress_regex;
    public String initial_prompt;
    public Pointer prompt_tokens;
    public int prompt_n_tokens;
    public String language;
    public byte detect_language;
    public byte suppress_blank;
    public byte suppress_non_speech_tokens;
    public float temperature;
    public float max_initial_ts;
    public float length_penalty;
    public float temperature_inc;
    public float entropy_thold;
    public float logprob_thold;
    public float no_speech_thold;
    public Greedy greedy;
    public BeamSearch beam_search;
    public NewSegmentCallback new_segment_callback;
    public Pointer new_segment_callback_user_data;
    public ProgressCallback progress_callback;
    public Pointer progress_callback_user_data;
    public EncoderBeginCallback encoder_begin_callback;
    public Pointer encoder_begin_callback_user_data;
    public AbortCallback abort_callback;
    public Pointer abort_callback_user_data;
    public LogitsFilterCallback logits_filter_callback;
    public Pointer logits_filter_callback_user_data;
    public Pointer grammar_rules;
    public long n_grammar_rules;
    public long i_start_rule;
    public float grammar_penalty;

    public WhisperFullParams() {}

    public WhisperFullParams(Pointer p) {
      super(p);
      read();
    }

    /** Passed by value to {@code whisper_full_with_state}. */
    public static class ByValue extends WhisperFullParams implements Structure.ByValue {
      public ByValue() {}

      public ByValue(Pointer p) {
        super(p);
      }
    }
  }

  /** {@code whisper_token_data} (56 bytes), returned by value. */
  @FieldOrder({"id", "tid", "p", "plog", "pt", "ptsum", "t0", "t1", "t_dtw", "vlen"})
  class WhisperTokenData extends Structure {
    public int id;
    public int tid;
    public float p;
    public float plog;
    public float pt;
    public float ptsum;
    public long t0;
    public long t1;
    public long t_dtw;
    public float vlen;

    /** The by-value return type. */
    public static class ByValue extends WhisperTokenData implements Structure.ByValue {}
  }

  // ---- context / state life cycle

  Pointer whisper_context_default_params_by_ref();

  void whisper_free_context_params(Pointer params);

  Pointer whisper_init_from_file_with_params_no_state(
      String pathModel, WhisperContextParams.ByValue params);

  Pointer whisper_init_state(Pointer ctx);

  void whisper_free_state(Pointer state);

  void whisper_free(Pointer ctx);

  Pointer whisper_full_default_params_by_ref(int strategy);

  void whisper_free_params(Pointer params);

  // ---- model info

  int whisper_is_multilingual(Pointer ctx);

  int whisper_n_vocab(Pointer ctx);

  int whisper_n_text_ctx(Pointer ctx);

  int whisper_model_n_audio_state(Pointer ctx);

  int whisper_model_n_audio_layer(Pointer ctx);

  String whisper_model_type_readable(Pointer ctx);

  String whisper_print_system_info();

  void whisper_log_set(LogCallback callback, Pointer userData);

  // ---- languages

  int whisper_lang_max_id();

  int whisper_lang_id(String lang);

  String whisper_lang_str(int id);

  int whisper_lang_auto_detect_with_state(
      Pointer ctx, Pointer state, int offsetMs, int nThreads, float[] langProbs);

  // ---- low-level inference

  int whisper_pcm_to_mel_with_state(
      Pointer ctx, Pointer state, Pointer samples, int nSamples, int nThreads);

  int whisper_decode_with_state(
      Pointer ctx, Pointer state, int[] tokens, int nTokens, int nPast, int nThreads);

  Pointer whisper_get_logits_from_state(Pointer state);

  // ---- special tokens

  int whisper_token_eot(Pointer ctx);

  int whisper_token_sot(Pointer ctx);

  int whisper_token_nosp(Pointer ctx);

  // ---- full pipeline and its results

  int whisper_full_with_state(
      Pointer ctx, Pointer state, WhisperFullParams.ByValue params, Pointer samples, int nSamples);

  int whisper_full_n_segments_from_state(Pointer state);

  long whisper_full_get_segment_t0_from_state(Pointer state, int iSegment);

  long whisper_full_get_segment_t1_from_state(Pointer state, int iSegment);

  /** Raw UTF-8 bytes (read with {@link Pointer#getString(long, String)} or as bytes). */
  Pointer whisper_full_get_segment_text_from_state(Pointer state, int iSegment);

  int whisper_full_n_tokens_from_state(Pointer state, int iSegment);

  /** Raw bytes of one token: may be an incomplete UTF-8 sequence. */
  Pointer whisper_full_get_token_text_from_state(
      Pointer ctx, Pointer state, int iSegment, int iToken);

  WhisperTokenData.ByValue whisper_full_get_token_data_from_state(
      Pointer state, int iSegment, int iToken);

  /** Every function above: checked at load time so a wrong library fails fast. */
  String[] REQUIRED_SYMBOLS = {
    "whisper_context_default_params_by_ref",
    "whisper_free_context_params",
    "whisper_init_from_file_with_params_no_state",
    "whisper_init_state",
    "whisper_free_state",
    "whisper_free",
    "whisper_full_default_params_by_ref",
    "whisper_free_params",
    "whisper_is_multilingual",
    "whisper_n_vocab",
    "whisper_n_text_ctx",
    "whisper_model_n_audio_state",
    "whisper_model_n_audio_layer",
    "whisper_model_type_readable",
    "whisper_print_system_info",
    "whisper_log_set",
    "whisper_lang_max_id",
    "whisper_lang_id",
    "whisper_lang_str",
    "whisper_lang_auto_detect_with_state",
    "whisper_pcm_to_mel_with_state",
    "whisper_decode_with_state",
    "whisper_get_logits_from_state",
    "whisper_token_eot",
    "whisper_token_sot",
    "whisper_token_nosp",
    "whisper_full_with_state",
    "whisper_full_n_segments_from_state",
    "whisper_full_get_segment_t0_from_state",
    "whisper_full_get_segment_t1_from_state",
    "whisper_full_get_segment_text_from_state",
    "whisper_full_n_tokens_from_state",
    "whisper_full_get_token_text_from_state",
    "whisper_full_get_token_data_from_state",
  };
}
