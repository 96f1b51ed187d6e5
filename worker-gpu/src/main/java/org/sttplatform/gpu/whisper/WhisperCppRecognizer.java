package org.sttplatform.gpu.whisper;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.zip.Deflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;
import org.sttplatform.workflows.model.Transcript.Word;

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
 *       #entropyThreshold}: {@code entropy_thold = 2.4 * 2.4 / compressionRatioThreshold}. The two
 *       checks point in opposite directions: openai-whisper retries a decode whose compression
 *       ratio is <i>above</i> its threshold (a higher threshold tolerates more repetition),
 *       whisper.cpp one whose token entropy is <i>below</i> {@code entropy_thold} (a higher
 *       threshold retries more), so the mapping decreases monotonically; it keeps both defaults at
 *       2.4 (whisper.cpp documents {@code entropy_thold} as "similar to OpenAI's
 *       compression_ratio_threshold"), e.g. 4.8 gives 1.2 and 1.2 gives 4.8. A value that is not
 *       positive and finite (null in the API) disables the check ({@code entropy_thold} 0). {@code
 *       logprob_thold} stays at whisper.cpp's -1.0, OpenAI's default.
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
  private static final int WINDOW_SAMPLES = 30 * SAMPLE_RATE;
  private static final int MIN_CLIP_SAMPLES = SAMPLE_RATE; // whisper_full ignores < 1 s

  private final WhisperNative lib;
  private final Pointer ctx;
  private final String modelName;
  private final WhisperOptions options;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Pointer> idleStates = new ConcurrentLinkedDeque<>();
  private final List<Pointer> allStates = Collections.synchronizedList(new ArrayList<>());
  private final Object closeLock = new Object();
  private volatile boolean closed;

  private final int nVocab;
  private final int tokenEot;
  private final int tokenSot;
  private final int tokenNoSpeech;
  private final boolean multilingual;

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
    this.permits = new Semaphore(options.poolSize(), true);
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
    WhisperLibraryLoader.takeLastError();
    long t0 = System.nanoTime();
    Pointer ctx =
        lib.whisper_init_from_file_with_params_no_state(model.toAbsolutePath().toString(), cp);
    if (ctx == null) {
      String why = WhisperLibraryLoader.takeLastError();
      throw new IllegalArgumentException(
          "whisper.cpp cannot load model " + model + (why != null ? ": " + why : ""));
    }
    String name = options.modelName() != null ? options.modelName() : nameOf(model);
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

  static String nameOf(Path model) {
    String n = model.getFileName().toString();
    if (n.endsWith(".bin")) {
      n = n.substring(0, n.length() - 4);
    }
    if (n.startsWith("ggml-")) {
      n = n.substring(5);
    }
    return n;
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
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("model file not found: " + model);
    }
    byte[] head = new byte[48];
    int n;
    try (InputStream in = Files.newInputStream(model)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + model, e);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (n < head.length || b.getInt(0) != 0x67676d6c) {
      throw new IllegalArgumentException(
          "not a ggml whisper model (bad magic or truncated header): " + model);
    }
    int[] h = new int[11];
    for (int i = 0; i < 11; i++) {
      h[i] = b.getInt(4 + 4 * i);
    }
    for (int i = 0; i < 10; i++) {
      if (h[i] <= 0) {
        throw new IllegalArgumentException("bad hyper-parameter " + i + " in " + model);
      }
    }
    int ftype = h[10] % 1000; // GGML_QNT_VERSION_FACTOR
    if (ftype == 0) {
      throw new IllegalArgumentException(
          "F32 model (ftype 0) in "
              + model
              + ": whisper.cpp 1.7.1 aborts the process on F32 conv weights; use an F16 or"
              + " quantized model");
    }
    if (ftype < 0 || ftype > 24 || ftype == 4 || ftype == 5 || ftype == 6) {
      throw new IllegalArgumentException("unsupported ftype " + h[10] + " in " + model);
    }
    if (h[2] != h[6]) {
      throw new IllegalArgumentException(
          "n_audio_state != n_text_state (" + h[2] + " vs " + h[6] + ") in " + model);
    }
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
    Pointer state = acquire();
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
              return new Call(state, samples, settings, lang, clips, piece, pieceProgress, abort)
                  .live(live)
                  .run(t0);
            }
          };
      return new ChunkedRecognition(
              audio, settings, chunkSamples, promptTokenLimit, engine, prog, abort, segments)
          .run(language, modelName, t0);
    } finally {
      release(state);
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

  private static void checkFinite(float[] samples) {
    for (float f : samples) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("audio samples contain NaN or infinity");
      }
    }
  }

  // ------------------------------------------------------------------ state pool

  private Pointer acquire() {
    if (closed) {
      throw new IllegalStateException("recognizer is closed");
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a whisper state");
    }
    try {
      if (closed) {
        throw new IllegalStateException("recognizer is closed");
      }
      Pointer s = idleStates.pollFirst();
      if (s == null) {
        WhisperLibraryLoader.takeLastError();
        s = lib.whisper_init_state(ctx);
        if (s == null) {
          String why = WhisperLibraryLoader.takeLastError();
          throw new IllegalStateException(
              "whisper_init_state failed" + (why != null ? ": " + why : ""));
        }
        allStates.add(s);
      }
      return s;
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void release(Pointer state) {
    idleStates.addFirst(state);
    permits.release();
  }

  /**
   * Frees all states and the model. Waits for running {@code recognize} calls to finish (abort them
   * first to close quickly).
   */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      permits.acquireUninterruptibly(options.poolSize());
      for (Pointer s : allStates) {
        lib.whisper_free_state(s);
      }
      allStates.clear();
      idleStates.clear();
      lib.whisper_free(ctx);
    }
  }

  // ------------------------------------------------------------------ one call

  /** One recognize call: holds its callbacks strongly until whisper_full returns. */
  private final class Call {
    private final Pointer state;
    private final float[] samples;
    private final RecognitionSettings s;
    private final List<int[]> clips;
    private final ChunkedRecognition.Piece piece;
    private final IntConsumer progress;
    private final BooleanSupplier aborted;
    private final int threads;
    private final long totalClipSamples;
    private String language;

    private volatile boolean abortRequested;
    private Memory promptMemory;
    private volatile Throwable callbackError;
    private int lastProgress = -1;
    private long doneSamples;
    private int currentClipSamples;

    /** no_speech_prob by window (counted over the whole call), NaN until computed. */
    private final List<Double> windowNoSpeech = new ArrayList<>();

    /** The window of each segment of the current clip's whisper_full call. */
    private int[] segmentWindow = new int[16];

    /** Receives the final segments while the call runs; null for none (or after it threw). */
    private SegmentListener live;

    private int[] currentClip;
    private int liveRead; // segments of the current clip's whisper_full already handed over
    private int liveSent; // segments handed over in this call: the next one's id is this + 1

    Call(
        Pointer state,
        float[] samples,
        RecognitionSettings s,
        String language,
        List<int[]> clips,
        ChunkedRecognition.Piece piece,
        IntConsumer progress,
        BooleanSupplier aborted) {
      checkFinite(samples);
      this.state = state;
      this.samples = samples;
      this.s = s;
      this.language = language;
      this.clips = clips;
      this.piece = piece;
      this.progress = progress;
      this.aborted = aborted;
      this.threads = s.threads() > 0 ? s.threads() : options.threads();
      long total = 0;
      for (int[] c : clips) {
        total += c[1] - c[0];
      }
      this.totalClipSamples = Math.max(1, total);
    }

    Call live(SegmentListener listener) {
      this.live = listener;
      return this;
    }

    // callbacks: fields, so they stay reachable during native calls
    private final WhisperNative.ProgressCallback progressCb =
        (c, st, p, u) -> {
          try {
            long done =
                doneSamples + (long) currentClipSamples * Math.max(0, Math.min(100, p)) / 100;
            report((int) Math.min(99, done * 100 / Call.this.totalClipSamples));
          } catch (Throwable t) {
            fail(t);
          }
        };

    private final WhisperNative.AbortCallback abortCb =
        u -> {
          if (abortRequested) {
            return 1;
          }
          try {
            if (Call.this.aborted.getAsBoolean()) {
              abortRequested = true;
              return 1;
            }
          } catch (Throwable t) {
            fail(t);
            return 1;
          }
          return 0;
        };

    private final WhisperNative.EncoderBeginCallback encoderBeginCb =
        (c, st, u) -> {
          // polled here too so that a stop is seen at least once per window, whatever ggml does
          if (abortRequested || pollAborted()) {
            return 0; // stop before encoding another window
          }
          sendLive(); // the previous window is complete: its segments are final
          windowNoSpeech.add(Double.NaN);
          windowsEncoded.incrementAndGet();
          return 1;
        };

    private final WhisperNative.NewSegmentCallback newSegmentCb =
        (c, st, nNew, u) -> {
          try {
            int window = windowNoSpeech.size() - 1;
            int total = lib.whisper_full_n_segments_from_state(st);
            if (segmentWindow.length < total) {
              segmentWindow =
                  Arrays.copyOf(segmentWindow, Math.max(total, 2 * segmentWindow.length));
            }
            for (int i = Math.max(0, total - nNew); i < total; i++) {
              segmentWindow[i] = window;
            }
            if (!computeNoSpeech || abortRequested || window < 0) {
              return;
            }
            if (Double.isNaN(windowNoSpeech.get(window))) {
              windowNoSpeech.set(window, noSpeechProbability(st));
              noSpeechDecodes.incrementAndGet();
            }
          } catch (Throwable t) {
            fail(t);
          }
        };

    private boolean pollAborted() {
      try {
        if (aborted.getAsBoolean()) {
          abortRequested = true;
        }
      } catch (Throwable t) {
        fail(t);
      }
      return abortRequested;
    }

    private void fail(Throwable t) {
      if (callbackError == null) {
        callbackError = t;
      }
      abortRequested = true;
    }

    private void report(int p) {
      if (p > lastProgress) {
        lastProgress = p;
        progress.accept(p);
      }
    }

    private void checkAbort() {
      if (abortRequested || aborted.getAsBoolean()) {
        abortRequested = true;
        throw new CancellationException("recognition aborted");
      }
    }

    Transcript run(long startNanos) {
      int n = samples.length;
      Memory pcm = new Memory(4L * n);
      pcm.write(0, samples, 0, n);
      try {
        double languageProbability = 1.0;
        if (!multilingual) {
          language = "en";
        } else if (language == null) {
          languageProbability = detectLanguage(pcm);
        }
        checkAbort();
        WhisperNative.WhisperFullParams.ByValue params = baseParams();
        List<Segment> all = new ArrayList<>();
        boolean first = true;
        for (int[] clip : clips) {
          int len = clip[1] - clip[0];
          currentClipSamples = len;
          if (len >= MIN_CLIP_SAMPLES) {
            params.no_context = (byte) (first || !s.conditionOnPreviousText() ? 1 : 0);
            first = false;
            Arrays.fill(segmentWindow, -1);
            currentClip = clip;
            liveRead = 0;
            WhisperLibraryLoader.takeLastError();
            Consumer<WhisperNative.WhisperFullParams> probe = beforeWhisperFull;
            if (probe != null) {
              probe.accept(params);
            }
            int rc = lib.whisper_full_with_state(ctx, state, params, pcm.share(4L * clip[0]), len);
            params.prompt_tokens = null; // carried text is for the piece's first call only
            params.prompt_n_tokens = 0;
            if (callbackError != null) {
              throw new IllegalStateException("error in a whisper.cpp callback", callbackError);
            }
            checkAbort();
            if (rc != 0) {
              String why = WhisperLibraryLoader.takeLastError();
              throw new IllegalStateException(
                  "whisper_full failed with code " + rc + (why != null ? ": " + why : ""));
            }
            sendLive(); // the clip's last window
            all.addAll(readSegments(clip));
          }
          doneSamples += len;
        }
        Reference.reachabilityFence(params);
        List<Segment> segments = renumber(filterHallucinations(all));
        if (s.hallucinationSilenceThreshold() != null && live != null) {
          segments.forEach(this::sendLive);
        }
        report(100);
        StringBuilder text = new StringBuilder();
        for (Segment seg : segments) {
          text.append(seg.text());
        }
        return new Transcript(
            text.toString().replaceAll("\\s+", " ").strip(),
            language,
            languageProbability,
            (double) n / SAMPLE_RATE,
            ENGINE,
            modelName,
            (System.nanoTime() - startNanos) / 1e9,
            segments);
      } finally {
        Reference.reachabilityFence(progressCb);
        Reference.reachabilityFence(abortCb);
        Reference.reachabilityFence(encoderBeginCb);
        Reference.reachabilityFence(newSegmentCb);
        Reference.reachabilityFence(promptMemory);
        pcm.close();
      }
    }

    private double detectLanguage(Pointer pcm) {
      int from = clips.isEmpty() ? 0 : clips.get(0)[0];
      int len = Math.min(samples.length - from, WINDOW_SAMPLES);
      if (lib.whisper_pcm_to_mel_with_state(ctx, state, pcm.share(4L * from), len, threads) != 0) {
        throw new IllegalStateException("whisper_pcm_to_mel_with_state failed");
      }
      checkAbort();
      float[] probs = new float[lib.whisper_lang_max_id() + 1];
      int id = lib.whisper_lang_auto_detect_with_state(ctx, state, 0, threads, probs);
      if (id < 0) {
        String why = WhisperLibraryLoader.takeLastError();
        throw new IllegalStateException(
            "language detection failed" + (why != null ? ": " + why : ""));
      }
      language = lib.whisper_lang_str(id);
      return probs[id];
    }

    private WhisperNative.WhisperFullParams.ByValue baseParams() {
      Pointer ref = lib.whisper_full_default_params_by_ref(WhisperNative.WHISPER_SAMPLING_GREEDY);
      WhisperNative.WhisperFullParams.ByValue p =
          new WhisperNative.WhisperFullParams.ByValue(
              WhisperLibraryLoader.copy(ref, WhisperLibraryLoader.FULL_PARAMS_SIZE));
      lib.whisper_free_params(ref);
      p.n_threads = threads;
      p.offset_ms = 0;
      p.duration_ms = 0;
      p.translate = (byte) (s.translate() ? 1 : 0);
      p.no_context = 1;
      String initialPrompt =
          piece.initialPrompt() && s.initialPrompt() != null && !s.initialPrompt().isEmpty()
              ? s.initialPrompt()
              : null;
      if (!s.conditionOnPreviousText() && initialPrompt == null) {
        p.n_max_text_ctx = 0;
      }
      p.print_special = 0;
      p.print_progress = 0;
      p.print_realtime = 0;
      p.print_timestamps = 0;
      p.token_timestamps = (byte) (s.wordTimestamps() ? 1 : 0);
      p.initial_prompt = initialPrompt;
      int[] carried = piece.promptTokens();
      if (carried != null && carried.length > 0) {
        // the previous piece's text, as whisper.cpp's own prompt_past (see ChunkedRecognition)
        promptMemory = new Memory(4L * carried.length);
        promptMemory.write(0, carried, 0, carried.length);
        p.prompt_tokens = promptMemory;
        p.prompt_n_tokens = carried.length;
      }
      p.language = language;
      p.detect_language = 0;
      List<Double> temps = s.temperatures();
      p.temperature = temps.get(0).floatValue();
      p.temperature_inc =
          temps.size() > 1 ? (float) Math.max(0, temps.get(1) - temps.get(0)) : 0.0f;
      p.entropy_thold = entropyThreshold(s.compressionRatioThreshold());
      WhisperSearchParams.apply(s, p);
      // no_speech_thold is left alone: 1.7.1 ignores it; the rule is applied in readSegments
      p.progress_callback = progressCb;
      p.abort_callback = abortCb;
      p.encoder_begin_callback = encoderBeginCb;
      p.new_segment_callback = newSegmentCb;
      return p;
    }

    /** softmax(decoder logits at SOT)[no-speech] for the window the state has encoded. */
    private double noSpeechProbability(Pointer st) {
      int[] prompt = {tokenSot};
      if (lib.whisper_decode_with_state(ctx, st, prompt, 1, 0, threads) != 0) {
        throw new IllegalStateException("whisper_decode_with_state failed");
      }
      float[] logits = lib.whisper_get_logits_from_state(st).getFloatArray(0, nVocab);
      double max = Double.NEGATIVE_INFINITY;
      for (float l : logits) {
        max = Math.max(max, l);
      }
      double sum = 0;
      for (float l : logits) {
        sum += Math.exp(l - max);
      }
      return Math.exp(logits[tokenNoSpeech] - max) / sum;
    }

    private List<Segment> readSegments(int[] clip) {
      int nSeg = lib.whisper_full_n_segments_from_state(state);
      List<Segment> out = readSegments(clip, 0, nSeg, s.wordTimestamps());
      out = dropSilentWindows(out, windowsOf(0, nSeg), s.noSpeechThreshold(), logprobThreshold);
      if (s.hallucinationSilenceThreshold() != null) {
        return markClip(out, (double) clip[0] / SAMPLE_RATE, (double) clip[1] / SAMPLE_RATE);
      }
      return out;
    }

    /**
     * Hands the segments the current clip's whisper_full has added since the last call to {@link
     * #live}, after the no-speech rule of their windows (which are complete), numbered as {@link
     * #renumber} will number them. Called from whisper.cpp's thread: never throws.
     */
    private void sendLive() {
      if (live == null || abortRequested || s.hallucinationSilenceThreshold() != null) {
        return; // with the hallucination filter, the call's end sends them (it looks ahead)
      }
      try {
        int total = lib.whisper_full_n_segments_from_state(state);
        if (total <= liveRead) {
          return;
        }
        List<Segment> window = readSegments(currentClip, liveRead, total, false);
        int[] windows = windowsOf(liveRead, total);
        liveRead = total;
        for (Segment seg :
            dropSilentWindows(window, windows, s.noSpeechThreshold(), logprobThreshold)) {
          sendLive(seg);
        }
      } catch (Throwable t) {
        LOG.warn("Live segments stopped: {}", t.toString());
        live = null;
      }
    }

    private void sendLive(Segment seg) {
      if (live == null) {
        return;
      }
      try {
        live.onSegment(withId(seg, ++liveSent));
      } catch (Throwable t) {
        LOG.warn("Live segments stopped: the listener failed: {}", t.toString());
        live = null;
      }
    }

    private int[] windowsOf(int from, int to) {
      int[] windows = new int[to - from];
      for (int i = from; i < to; i++) {
        windows[i - from] = i < segmentWindow.length ? segmentWindow[i] : -1;
      }
      return windows;
    }

    /** Segments {@code from} to {@code to} (exclusive) of the clip's whisper_full, ids from 1. */
    private List<Segment> readSegments(int[] clip, int from, int to, boolean withWords) {
      double clipStart = (double) clip[0] / SAMPLE_RATE;
      double clipEnd = (double) clip[1] / SAMPLE_RATE;
      List<Segment> out = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        double start =
            clamp(
                clipStart + lib.whisper_full_get_segment_t0_from_state(state, i) / 100.0,
                clipStart,
                clipEnd);
        double end =
            clamp(
                clipStart + lib.whisper_full_get_segment_t1_from_state(state, i) / 100.0,
                start,
                clipEnd);
        String text = utf8(lib.whisper_full_get_segment_text_from_state(state, i));
        int nTok = lib.whisper_full_n_tokens_from_state(state, i);
        List<Integer> ids = new ArrayList<>(nTok);
        double sumLogprob = 0;
        List<WordBuilder> words = withWords ? new ArrayList<>() : null;
        WordBuilder word = null;
        for (int j = 0; j < nTok; j++) {
          WhisperNative.WhisperTokenData d =
              lib.whisper_full_get_token_data_from_state(state, i, j);
          if (d.id >= tokenEot) {
            continue;
          }
          ids.add(d.id);
          sumLogprob += d.plog;
          if (words != null) {
            byte[] bytes = bytes(lib.whisper_full_get_token_text_from_state(ctx, state, i, j));
            if (word == null || (bytes.length > 0 && bytes[0] == ' ')) {
              word = new WordBuilder();
              words.add(word);
            }
            word.add(bytes, clipStart + d.t0 / 100.0, clipStart + d.t1 / 100.0, d.p);
          }
        }
        double avgLogprob = ids.isEmpty() ? 0.0 : Math.min(0.0, sumLogprob / ids.size());
        int window = i < segmentWindow.length ? segmentWindow[i] : -1;
        double noSpeech =
            window >= 0 && !Double.isNaN(windowNoSpeech.get(window))
                ? windowNoSpeech.get(window)
                : 0.0;
        List<Word> w = words == null ? null : buildWords(words, start, end);
        out.add(
            new Segment(
                i + 1,
                start,
                end,
                text,
                List.copyOf(ids),
                avgLogprob,
                compressionRatio(text),
                noSpeech,
                w));
      }
      return out;
    }

    /** Remembers clip bounds per segment for the hallucination filter. */
    private final List<double[]> clipBounds = new ArrayList<>();

    private List<Segment> markClip(List<Segment> segs, double clipStart, double clipEnd) {
      for (int i = 0; i < segs.size(); i++) {
        clipBounds.add(new double[] {clipStart, clipEnd});
      }
      return segs;
    }

    private List<Segment> filterHallucinations(List<Segment> segs) {
      Double threshold = s.hallucinationSilenceThreshold();
      if (threshold == null || segs.isEmpty()) {
        return segs;
      }
      return dropSilentHallucinations(segs, clipBounds, threshold, s.noSpeechThreshold());
    }

    private List<Word> buildWords(List<WordBuilder> words, double segStart, double segEnd) {
      WordTimings.merge(words, s.prependPunctuations(), s.appendPunctuations());
      List<Word> out = new ArrayList<>(words.size());
      double prevStart = segStart;
      double prevEnd = segStart;
      for (WordBuilder w : words) {
        String text = w.text();
        if (text.isEmpty()) {
          continue;
        }
        double start = clamp(w.start, Math.max(prevStart, segStart), segEnd);
        if (start < prevEnd && prevEnd <= segEnd) {
          start = Math.max(start, Math.min(prevEnd, w.end));
        }
        double end = clamp(w.end, start, segEnd);
        out.add(new Word(start, end, text, w.probability()));
        prevStart = start;
        prevEnd = end;
      }
      return List.copyOf(out);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A word being assembled from tokens. */
  static final class WordBuilder {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String text;
    double start = Double.NaN;
    double end = Double.NaN;
    double sumP;
    int n;

    void add(byte[] token, double t0, double t1, double p) {
      bytes.writeBytes(token);
      if (Double.isNaN(start)) {
        start = t0;
      }
      end = Double.isNaN(end) ? t1 : Math.max(end, t1);
      sumP += p;
      n++;
    }

    String text() {
      if (text == null) {
        text = bytes.toString(StandardCharsets.UTF_8);
      }
      return text;
    }

    double probability() {
      return n == 0 ? 0 : Math.max(0, Math.min(1, sumP / n));
    }
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static String utf8(Pointer p) {
    return p == null ? "" : new String(bytes(p), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Pointer p) {
    if (p == null) {
      return new byte[0];
    }
    long len = p.indexOf(0, (byte) 0);
    return p.getByteArray(0, (int) len);
  }

  private static List<Segment> renumber(List<Segment> segs) {
    List<Segment> out = new ArrayList<>(segs.size());
    int id = 1;
    for (Segment x : segs) {
      out.add(withId(x, id++));
    }
    return List.copyOf(out);
  }

  private static Segment withId(Segment x, int id) {
    return new Segment(
        id,
        x.start(),
        x.end(),
        x.text(),
        x.tokens(),
        x.avgLogprob(),
        x.compressionRatio(),
        x.noSpeechProb(),
        x.words());
  }

  /**
   * openai-whisper's no-speech rule, per window: drops every segment of a window whose
   * no_speech_prob (shared by its segments) is above {@code noSpeechThreshold} and whose average
   * token log-probability (over the text tokens of all its segments) is not above {@code
   * logprobThreshold}.
   *
   * @param windows the window of each segment (same order); -1 if unknown (never dropped)
   */
  static List<Segment> dropSilentWindows(
      List<Segment> segs, int[] windows, double noSpeechThreshold, double logprobThreshold) {
    if (segs.isEmpty() || !(noSpeechThreshold < Double.POSITIVE_INFINITY)) {
      return segs;
    }
    Map<Integer, double[]> sums = new HashMap<>(); // window -> {sum, count}
    for (int i = 0; i < segs.size(); i++) {
      Segment seg = segs.get(i);
      double[] sum = sums.computeIfAbsent(windows[i], w -> new double[2]);
      sum[0] += seg.avgLogprob() * seg.tokens().size();
      sum[1] += seg.tokens().size();
    }
    List<Segment> kept = new ArrayList<>(segs.size());
    for (int i = 0; i < segs.size(); i++) {
      Segment seg = segs.get(i);
      double[] sum = sums.get(windows[i]);
      double avgLogprob = sum[1] == 0 ? 0.0 : sum[0] / sum[1];
      boolean silent =
          windows[i] >= 0
              && seg.noSpeechProb() > noSpeechThreshold
              && !(avgLogprob > logprobThreshold);
      if (silent) {
        LOG.debug(
            "dropping segment {} [{}-{}] of a silent window (no_speech_prob {}, avg_logprob {})",
            seg.text(),
            seg.start(),
            seg.end(),
            seg.noSpeechProb(),
            avgLogprob);
        continue;
      }
      kept.add(seg);
    }
    return kept;
  }

  /**
   * The hallucination post-filter: drops a segment whose no_speech_prob exceeds {@code
   * noSpeechThreshold} and whose avg_logprob is below -1 when the silence before it (since the
   * previous kept segment of the same clip, or the clip start) and after it (until the next segment
   * of the same clip, or the clip end) both last at least {@code silence} seconds.
   *
   * @param clipBounds [start, end] seconds of the clip of each segment (same order)
   */
  static List<Segment> dropSilentHallucinations(
      List<Segment> segs, List<double[]> clipBounds, double silence, double noSpeechThreshold) {
    List<Segment> kept = new ArrayList<>();
    double prevEnd = Double.NaN;
    double prevClipStart = Double.NaN;
    for (int i = 0; i < segs.size(); i++) {
      Segment seg = segs.get(i);
      double[] bounds = clipBounds.get(i);
      double before =
          seg.start()
              - (prevClipStart == bounds[0] && !Double.isNaN(prevEnd) ? prevEnd : bounds[0]);
      double nextStart =
          i + 1 < segs.size() && clipBounds.get(i + 1)[0] == bounds[0]
              ? segs.get(i + 1).start()
              : bounds[1];
      double after = nextStart - seg.end();
      boolean drop =
          seg.noSpeechProb() > noSpeechThreshold
              && seg.avgLogprob() < -1.0
              && before >= silence
              && after >= silence;
      if (drop) {
        LOG.debug("dropping likely hallucination {} [{}-{}]", seg.text(), seg.start(), seg.end());
        continue;
      }
      kept.add(seg);
      prevEnd = seg.end();
      prevClipStart = bounds[0];
    }
    return kept;
  }

  /** openai-whisper's default {@code compression_ratio_threshold}, whisper.cpp's entropy_thold. */
  static final double DEFAULT_COMPRESSION_RATIO_THRESHOLD = 2.4;

  /**
   * whisper.cpp's {@code entropy_thold} for openai-whisper's {@code compression_ratio_threshold}:
   * {@code 2.4 * 2.4 / threshold}, decreasing as the threshold rises (whisper.cpp retries when the
   * entropy is below its threshold, openai-whisper when the ratio is above its own), 2.4 for the
   * default 2.4; 0 (check disabled) for a threshold that is not positive and finite.
   */
  static float entropyThreshold(double compressionRatioThreshold) {
    if (!(compressionRatioThreshold > 0) || !Double.isFinite(compressionRatioThreshold)) {
      return 0.0f;
    }
    return (float)
        (DEFAULT_COMPRESSION_RATIO_THRESHOLD
            * DEFAULT_COMPRESSION_RATIO_THRESHOLD
            / compressionRatioThreshold);
  }

  /** len(utf8) / len(zlib.compress(utf8)), as openai-whisper's {@code compression_ratio}. */
  static double compressionRatio(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      d.setInput(in);
      d.finish();
      byte[] buf = new byte[in.length + 64];
      int total = 0;
      while (!d.finished()) {
        total += d.deflate(buf);
      }
      return (double) in.length / total;
    } finally {
      d.end();
    }
  }
}
