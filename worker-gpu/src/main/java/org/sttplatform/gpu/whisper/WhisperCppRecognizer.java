package org.sttplatform.gpu.whisper;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.model.Transcript;

/**
 * {@link SpeechRecognizer} on whisper.cpp v1.7.1 through JNA ({@link WhisperNative}).
 *
 * <p>One whisper_context per model; one whisper_state per concurrent {@link #recognize} call, taken
 * from a pool of at most {@link WhisperOptions#poolSize()} states (created on demand, reused;
 * further callers block until a state is free). Load with {@link #load(Path, WhisperOptions)}.
 *
 * <p>How {@link RecognitionSettings} and the {@link Transcript} fields map onto whisper.cpp:
 *
 * <ul>
 *   <li><b>language</b>: when {@code settings.language()} is null (or {@code "auto"}), the language
 *       is detected once, on the first 30 s of the (first clip of the) audio, with {@code
 *       whisper_pcm_to_mel_with_state} + {@code whisper_lang_auto_detect_with_state}, and the
 *       detected code is then passed to {@code whisper_full} (no second detection). Its probability
 *       is the detector's softmax over language tokens. When a language is given, its probability
 *       is reported as 1.0 and no detection pass runs (as faster-whisper does). An English-only
 *       model always reports {@code en} / 1.0.
 *   <li><b>temperatures</b>: the first is {@code temperature}; {@code temperature_inc} is the
 *       difference between the second and the first (whisper.cpp then tries t0, t0+inc, ... up to
 *       1.0), or 0 (fallback disabled) when only one is given.
 *   <li><b>beamSize</b>, <b>bestOf</b>, <b>patience</b>: the strategy and its fields, set by {@link
 *       WhisperSearchParams} (greedy unless a beam size is given; {@code greedy.best_of} decoders
 *       at every temperature above 0).
 *   <li><b>compressionRatioThreshold</b> becomes whisper.cpp's {@code entropy_thold} through {@link
 *       CompressionRatio#entropyThreshold}: {@code entropy_thold = 2.4 * 2.4 /
 *       compressionRatioThreshold}. The two checks point in opposite directions: openai-whisper
 *       retries a decode whose compression ratio is <i>above</i> its threshold (a higher threshold
 *       tolerates more repetition), whisper.cpp one whose token entropy is <i>below</i> {@code
 *       entropy_thold} (a higher threshold retries more), so the mapping decreases monotonically;
 *       it keeps both defaults at 2.4 (whisper.cpp documents {@code entropy_thold} as "similar to
 *       OpenAI's compression_ratio_threshold"), e.g. 4.8 gives 1.2 and 1.2 gives 4.8. A value that
 *       is not positive and finite (null in the API) disables the check ({@code entropy_thold} 0).
 *       {@code logprob_thold} stays at whisper.cpp's -1.0, OpenAI's default.
 *   <li><b>conditionOnPreviousText</b>: whisper.cpp's {@code no_context} only clears the carried
 *       text at the start of a {@code whisper_full} call; inside a call the previous window's text
 *       is always used unless {@code n_max_text_ctx} is 0. So: false sets {@code n_max_text_ctx =
 *       0} (unless an initial prompt is given, which needs the prompt context: then windows still
 *       condition on earlier text); the first {@code whisper_full} of every call always runs with
 *       {@code no_context = true} so text never leaks from a previous request through a pooled
 *       state; later clips use {@code no_context = !conditionOnPreviousText}.
 *   <li><b>clips</b>: each [start, end) clip is passed to its own {@code whisper_full} call as a
 *       slice of the sample buffer (equivalent to {@code offset_ms}/{@code duration_ms}, without
 *       recomputing the mel spectrogram of the whole audio per clip); times are shifted back to
 *       absolute seconds and segment ids renumbered 1..n over all clips. An end beyond the audio is
 *       clamped. whisper.cpp ignores inputs shorter than 1 s, so such clips are skipped.
 *   <li><b>segments</b>: {@code start}/{@code end} from the segment t0/t1 (centiseconds), clamped
 *       to the clip and the audio; {@code text} as whisper.cpp stores it (usually with a leading
 *       space, like openai-whisper); {@code tokens} are the text tokens (id below end-of-text);
 *       {@code avg_logprob} the mean {@code plog} of those tokens (0 if none); {@code
 *       compression_ratio} = UTF-8 bytes / zlib-compressed bytes, as openai-whisper computes it.
 *   <li><b>no_speech_prob</b>: v1.7.1 has no API for it. Windows are counted with {@code
 *       encoder_begin_callback} (called before each 30 s window is encoded) and every segment is
 *       tagged with its window in {@code new_segment_callback} (which 1.7.1 calls once per segment,
 *       after the window is decoded, while the state still holds that window's encoder output). For
 *       the first segment of a window the decoder is run once on [SOT] with {@code
 *       whisper_decode_with_state}; the result is softmax(logits)[no-speech token] at the SOT
 *       position, which is where openai-whisper reads it (without the previous-text prompt it may
 *       prepend). Segments of one window share the value. whisper_full clears its self-attention
 *       cache before every window, so this extra decode does not change its output (verified by
 *       test).
 *   <li><b>noSpeechThreshold</b>: whisper.cpp 1.7.1 ignores its {@code no_speech_thold}, so
 *       openai-whisper's rule is applied here, per window: a window whose no_speech_prob is above
 *       {@code noSpeechThreshold} and whose average token log-probability (the mean {@code plog} of
 *       the text tokens of all its segments) is not above {@code logprob_threshold} (-1.0, openai's
 *       default) is silence, and its segments are dropped. +infinity (null in the API) disables the
 *       rule. Unlike openai-whisper, the dropped text has already served as prompt for the
 *       following window inside whisper.cpp.
 *   <li><b>words</b> (only when {@code wordTimestamps}; otherwise null): whisper.cpp token-level
 *       timestamps ({@code token_timestamps = true}); a text token whose bytes start with a space
 *       starts a new word; start/end are the first token's t0 and last token's t1, clamped into the
 *       segment and made non-decreasing; probability is the mean token {@code p}. Punctuation is
 *       then merged like openai-whisper's {@code merge_punctuations}.
 *   <li><b>hallucinationSilenceThreshold</b> (seconds): a post-filter; a segment is dropped when
 *       its no_speech_prob exceeds {@code noSpeechThreshold}, its avg_logprob is below -1, and the
 *       silence before it (from the previous kept segment's end, or the clip start) and after it
 *       (to the next segment's start, or the clip end) both reach the threshold.
 *   <li><b>progress</b>: whisper.cpp's progress callback, scaled over all clips by sample count,
 *       reported only when it increases; 100 is reported on success. <b>aborted</b> is polled by
 *       whisper.cpp's {@code abort_callback} (from ggml's computation) and between steps; when it
 *       returns true the call throws {@link CancellationException}.
 *   <li><b>long audio</b>: read and transcribed in pieces of at most {@link #DEFAULT_CHUNK_SECONDS}
 *       s, each one {@code whisper_full} call on one state, cut at a quiet point, with times
 *       shifted, ids running on and the previous piece's text tokens as {@code prompt_tokens} of
 *       the next: see {@link ChunkedRecognition}. Audio of at most one chunk is one piece and is
 *       transcribed as described above.
 *   <li>{@code engine} {@value #ENGINE}; {@code duration} samples / 16000; {@code engine_seconds}
 *       is the wall time from getting a state to the result (waiting for a state excluded).
 * </ul>
 *
 * <p>Inputs are validated in Java because a native assertion would abort the whole JVM.
 */
public final class WhisperCppRecognizer implements SpeechRecognizer {

  /** The engine name reported in transcripts. */
  public static final String ENGINE = "whisper.cpp";

  /** Sample rate of the input. */
  public static final int SAMPLE_RATE = 16000;

  private static final Logger LOG = LoggerFactory.getLogger(WhisperCppRecognizer.class);

  // package-private: the model as RecognitionRun and StateReader use it
  final WhisperNative lib;
  final Pointer ctx;
  final int nVocab;
  final int tokenEot;
  final int tokenSot;
  final int tokenNoSpeech;
  final boolean multilingual;

  private final String modelName;
  private final WhisperOptions options;
  private final WhisperStatePool states;

  /** For tests: compute no_speech_prob (an extra decoder pass per window). */
  volatile boolean computeNoSpeech = true;

  /** openai-whisper's {@code logprob_threshold} for the no-speech rule; a knob for tests. */
  volatile double logprobThreshold = -1.0;

  /** For tests: how many no-speech decoder passes have run. */
  final AtomicInteger noSpeechDecodes = new AtomicInteger();

  /** For tests: how many windows whisper.cpp has encoded. */
  final AtomicInteger windowsEncoded = new AtomicInteger();

  /** For tests: sees (and may change) the params of every whisper_full call just before it. */
  volatile Consumer<WhisperNative.WhisperFullParams> beforeWhisperFull;

  /**
   * Longest piece of audio given to one whisper.cpp call: 5 minutes, whose samples (19 MB, plus
   * their native copy) and mel spectrogram (10 MB) bound the memory a transcription needs.
   */
  public static final int DEFAULT_CHUNK_SECONDS = 300;

  /** Samples per piece; a knob for tests (short chunks make a short file "long"). */
  volatile int chunkSamples = DEFAULT_CHUNK_SECONDS * SAMPLE_RATE;

  /** Carried prompt tokens: half the text context, what whisper.cpp takes of its prompt_past. */
  private final int promptTokenLimit;

  private WhisperCppRecognizer(
      WhisperNative lib, Pointer ctx, String modelName, WhisperOptions options) {
    this.lib = lib;
    this.ctx = ctx;
    this.modelName = modelName;
    this.options = options;
    this.states = new WhisperStatePool(lib, ctx, options.poolSize());
    this.nVocab = lib.whisper_n_vocab(ctx);
    this.tokenEot = lib.whisper_token_eot(ctx);
    this.tokenSot = lib.whisper_token_sot(ctx);
    this.tokenNoSpeech = lib.whisper_token_nosp(ctx);
    this.multilingual = lib.whisper_is_multilingual(ctx) != 0;
    this.promptTokenLimit = Math.max(1, lib.whisper_n_text_ctx(ctx) / 2);
  }

  /**
   * Loads a ggml Whisper model (whisper.cpp format) with the native library chosen by {@code
   * options.nativeLibraryDir()} (see {@link WhisperLibraryLoader}).
   *
   * @throws IllegalArgumentException the file is missing or not a model whisper.cpp can load
   */
  public static WhisperCppRecognizer load(Path model, WhisperOptions options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    checkModelHeader(model);
    WhisperNative lib =
        options.nativeLibraryDir() != null
            ? WhisperLibraryLoader.load(options.nativeLibraryDir())
            : WhisperLibraryLoader.load();
    Pointer ref = lib.whisper_context_default_params_by_ref();
    WhisperNative.WhisperContextParams.ByValue cp =
        new WhisperNative.WhisperContextParams.ByValue(
            WhisperLibraryLoader.copy(ref, WhisperLibraryLoader.CONTEXT_PARAMS_SIZE));
    lib.whisper_free_context_params(ref);
    cp.use_gpu = (byte) (options.useGpu() ? 1 : 0);
    cp.gpu_device = options.gpuDevice();
    cp.flash_attn = (byte) (options.flashAttention() ? 1 : 0);
    NativeLog.takeLastError();
    long t0 = System.nanoTime();
    Pointer ctx =
        lib.whisper_init_from_file_with_params_no_state(model.toAbsolutePath().toString(), cp);
    if (ctx == null) {
      String why = NativeLog.takeLastError();
      throw new IllegalArgumentException(
          "whisper.cpp cannot load model " + model + (why != null ? ": " + why : ""));
    }
    String name = options.modelName() != null ? options.modelName() : ModelFiles.nameOf(model);
    WhisperCppRecognizer r = new WhisperCppRecognizer(lib, ctx, name, options);
    LOG.info(
        "loaded whisper model {} ({}, {} layers x {}) in {} ms",
        model,
        lib.whisper_model_type_readable(ctx),
        lib.whisper_model_n_audio_layer(ctx),
        lib.whisper_model_n_audio_state(ctx),
        (System.nanoTime() - t0) / 1_000_000);
    return r;
  }

  /**
   * Rejects files whose header would make whisper.cpp assert (abort the JVM) or obviously fail:
   * whisper.cpp itself returns NULL for a bad magic, but asserts on mismatched state sizes. Also
   * used by the model store on a finished download before it is moved into place.
   *
   * @throws IllegalArgumentException the file is missing or its header is not a usable ggml whisper
   *     model's
   */
  public static void checkModelHeader(Path model) {
    ModelFiles.checkHeader(model);
  }

  @Override
  public String modelName() {
    return modelName;
  }

  /** The options the model was loaded with. */
  public WhisperOptions options() {
    return options;
  }

  /** Whether the model is multilingual (can detect languages and translate). */
  public boolean isMultilingual() {
    return multilingual;
  }

  @Override
  public Transcript recognize(
      float[] samples,
      RecognitionSettings settings,
      IntConsumer progress,
      BooleanSupplier aborted) {
    Objects.requireNonNull(samples, "samples");
    return recognize(AudioSource.of(samples), settings, progress, aborted);
  }

  /**
   * Recognises audio of any length with bounded memory: read and transcribed in chunks of at most
   * {@link #DEFAULT_CHUNK_SECONDS} s, see {@link ChunkedRecognition}. Audio no longer than one
   * chunk gives the same result as one whisper.cpp call over all of it.
   *
   * @throws java.io.UncheckedIOException if the audio cannot be read
   */
  @Override
  public Transcript recognize(
      AudioSource audio,
      RecognitionSettings settings,
      IntConsumer progress,
      BooleanSupplier aborted) {
    return recognize(audio, settings, progress, aborted, null);
  }

  /**
   * As {@link #recognize(AudioSource, RecognitionSettings, IntConsumer, BooleanSupplier)}; each 30
   * s window's segments go to {@code segments} as soon as whisper.cpp starts on the next window (or
   * ends the call), after the no-speech rule of that window, so a delay of one window at most. With
   * {@code hallucinationSilenceThreshold} (a filter that looks at the next segment) they go once
   * the piece's {@code whisper_full} calls are done.
   */
  @Override
  public Transcript recognize(
      AudioSource audio,
      RecognitionSettings settings,
      IntConsumer progress,
      BooleanSupplier aborted,
      SegmentListener segments) {
    Objects.requireNonNull(audio, "audio");
    Objects.requireNonNull(settings, "settings");
    IntConsumer prog = progress != null ? progress : p -> {};
    BooleanSupplier abort = aborted != null ? aborted : () -> false;
    checkSettings(settings);
    if (audio.sampleCount() == 0) {
      throw new IllegalArgumentException("no audio samples");
    }
    ChunkedRecognition.clipRanges(audio.sampleCount(), settings); // validates the clips
    String language = normaliseLanguage(settings.language());
    if (abort.getAsBoolean()) {
      throw new CancellationException("aborted before start");
    }
    Pointer state = states.acquire();
    long t0 = System.nanoTime();
    try {
      ChunkedRecognition.Engine engine =
          new ChunkedRecognition.Engine() {
            @Override
            public Transcript transcribe(
                float[] samples,
                List<int[]> clips,
                String lang,
                ChunkedRecognition.Piece piece,
                IntConsumer pieceProgress) {
              return transcribe(samples, clips, lang, piece, pieceProgress, null);
            }

            @Override
            public Transcript transcribe(
                float[] samples,
                List<int[]> clips,
                String lang,
                ChunkedRecognition.Piece piece,
                IntConsumer pieceProgress,
                SegmentListener live) {
              return new RecognitionRun(
                      WhisperCppRecognizer.this,
                      state,
                      samples,
                      settings,
                      lang,
                      clips,
                      piece,
                      pieceProgress,
                      abort)
                  .live(live)
                  .run(t0);
            }
          };
      return new ChunkedRecognition(
              audio, settings, chunkSamples, promptTokenLimit, engine, prog, abort, segments)
          .run(language, modelName, t0);
    } finally {
      states.release(state);
    }
  }

  private String normaliseLanguage(String language) {
    if (language == null || language.isBlank() || language.equalsIgnoreCase("auto")) {
      return null;
    }
    String l = language.strip().toLowerCase(Locale.ROOT);
    if (lib.whisper_lang_id(l) < 0) {
      throw new IllegalArgumentException("unknown language: " + language);
    }
    return l;
  }

  /** Validates the settings in Java (a native assertion would abort the JVM). */
  private static void checkSettings(RecognitionSettings s) {
    List<Double> temps = s.temperatures();
    if (temps == null || temps.isEmpty()) {
      throw new IllegalArgumentException("at least one temperature is required");
    }
    for (Double t : temps) {
      if (t == null || !Double.isFinite(t) || t < 0 || t > 1) {
        throw new IllegalArgumentException("temperatures must be in [0, 1]: " + temps);
      }
    }
    if (Double.isNaN(s.noSpeechThreshold())) {
      // +infinity (null in the API) disables the no-speech check: no probability exceeds it
      throw new IllegalArgumentException("noSpeechThreshold must be a number");
    }
    if (s.hallucinationSilenceThreshold() != null && !(s.hallucinationSilenceThreshold() >= 0)) {
      throw new IllegalArgumentException("hallucinationSilenceThreshold must be >= 0");
    }
    WhisperSearchParams.check(s);
  }

  /**
   * Frees all states and the model. Waits for running {@code recognize} calls to finish (abort them
   * first to close quickly).
   */
  @Override
  public void close() {
    states.close(() -> lib.whisper_free(ctx));
  }
}
