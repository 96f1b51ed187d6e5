package org.sttplatform.gpu.whisper;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.Transcript.Segment;

/**
 * One engine call of {@link WhisperCppRecognizer}: a piece of audio transcribed on one
 * whisper_state, one whisper_full call per clip (see the recognizer's documentation for how the
 * settings map onto whisper.cpp). Holds its callbacks strongly until whisper_full returns, because
 * whisper.cpp only keeps native pointers to them. Used once, by one thread.
 */
final class RecognitionRun {

  private static final int SAMPLE_RATE = WhisperCppRecognizer.SAMPLE_RATE;
  private static final int WINDOW_SAMPLES = 30 * SAMPLE_RATE;
  private static final int MIN_CLIP_SAMPLES = SAMPLE_RATE; // whisper_full ignores < 1 s

  private final WhisperCppRecognizer model;
  private final WhisperNative lib;
  private final Pointer ctx;
  private final Pointer state;
  private final float[] samples;
  private final RecognitionSettings s;
  private final List<int[]> clips;
  private final ChunkedRecognition.Piece piece;
  private final IntConsumer progress;
  private final BooleanSupplier aborted;
  private final int threads;
  private final long totalClipSamples;
  private final StateReader reader;
  private final LiveSegments live;
  private String language;

  private volatile boolean abortRequested;
  private Memory promptMemory;
  private volatile Throwable callbackError;
  private int lastProgress = -1;
  private long doneSamples;
  private int currentClipSamples;

  private final SegmentWindows windows = new SegmentWindows();

  /** Remembers clip bounds per segment for the hallucination filter. */
  private final List<double[]> clipBounds = new ArrayList<>();

  /**
   * @param state a state of {@code model}'s context, for this run alone
   * @param language null to detect it
   * @param clips [from, to) sample indexes of {@code samples}
   * @throws IllegalArgumentException a sample is NaN or infinite
   */
  RecognitionRun(
      WhisperCppRecognizer model,
      Pointer state,
      float[] samples,
      RecognitionSettings s,
      String language,
      List<int[]> clips,
      ChunkedRecognition.Piece piece,
      IntConsumer progress,
      BooleanSupplier aborted) {
    checkFinite(samples);
    this.model = model;
    this.lib = model.lib;
    this.ctx = model.ctx;
    this.state = state;
    this.samples = samples;
    this.s = s;
    this.language = language;
    this.clips = clips;
    this.piece = piece;
    this.progress = progress;
    this.aborted = aborted;
    this.threads = s.threads() > 0 ? s.threads() : model.options().threads();
    long total = 0;
    for (int[] c : clips) {
      total += c[1] - c[0];
    }
    this.totalClipSamples = Math.max(1, total);
    this.reader = new StateReader(model, state, s, threads);
    this.live = new LiveSegments(model, reader, windows, s);
  }

  /** Hands the final segments to {@code listener} while the run goes on; null for none. */
  RecognitionRun live(SegmentListener listener) {
    live.listener(listener);
    return this;
  }

  // callbacks: fields, so they stay reachable during native calls (final fields set by the
  // constructor are read as RecognitionRun.this.x: javac rejects their simple names here)
  private final WhisperNative.ProgressCallback progressCb =
      (c, st, p, u) -> {
        try {
          long done = doneSamples + (long) currentClipSamples * Math.max(0, Math.min(100, p)) / 100;
          report((int) Math.min(99, done * 100 / RecognitionRun.this.totalClipSamples));
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
          if (RecognitionRun.this.aborted.getAsBoolean()) {
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
        windows.startWindow();
        RecognitionRun.this.model.windowsEncoded.incrementAndGet();
        return 1;
      };

  private final WhisperNative.NewSegmentCallback newSegmentCb =
      (c, st, nNew, u) -> {
        try {
          int total = RecognitionRun.this.lib.whisper_full_n_segments_from_state(st);
          int window = windows.tagNewSegments(total, nNew);
          if (!RecognitionRun.this.model.computeNoSpeech || abortRequested || window < 0) {
            return;
          }
          if (windows.lacksNoSpeech(window)) {
            windows.setNoSpeech(window, RecognitionRun.this.reader.noSpeechProbability(st));
            RecognitionRun.this.model.noSpeechDecodes.incrementAndGet();
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

  /**
   * Transcribes the piece.
   *
   * @param startNanos when the recognize call got its state, for {@code engine_seconds}
   * @throws CancellationException {@code aborted} returned true
   */
  Transcript run(long startNanos) {
    int n = samples.length;
    Memory pcm = new Memory(4L * n);
    pcm.write(0, samples, 0, n);
    try {
      double languageProbability = 1.0;
      if (!model.multilingual) {
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
          windows.startClip();
          live.startClip(clip);
          NativeLog.takeLastError();
          Consumer<WhisperNative.WhisperFullParams> probe = model.beforeWhisperFull;
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
            String why = NativeLog.takeLastError();
            throw new IllegalStateException(
                "whisper_full failed with code " + rc + (why != null ? ": " + why : ""));
          }
          sendLive(); // the clip's last window
          all.addAll(readSegments(clip));
        }
        doneSamples += len;
      }
      Reference.reachabilityFence(params);
      List<Segment> segments = SegmentFilters.renumber(filterHallucinations(all));
      if (s.hallucinationSilenceThreshold() != null) {
        segments.forEach(live::send);
      }
      report(100);
      return new Transcript(
          Transcript.textOf(segments),
          language,
          languageProbability,
          (double) n / SAMPLE_RATE,
          WhisperCppRecognizer.ENGINE,
          model.modelName(),
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
      String why = NativeLog.takeLastError();
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
    p.temperature_inc = temps.size() > 1 ? (float) Math.max(0, temps.get(1) - temps.get(0)) : 0.0f;
    p.entropy_thold = CompressionRatio.entropyThreshold(s.compressionRatioThreshold());
    WhisperSearchParams.apply(s, p);
    // no_speech_thold is left alone: 1.7.1 ignores it; the rule is applied in readSegments
    p.progress_callback = progressCb;
    p.abort_callback = abortCb;
    p.encoder_begin_callback = encoderBeginCb;
    p.new_segment_callback = newSegmentCb;
    return p;
  }

  private List<Segment> readSegments(int[] clip) {
    int nSeg = reader.segmentCount();
    List<Segment> out = reader.readSegments(clip, 0, nSeg, s.wordTimestamps(), windows);
    out =
        SegmentFilters.dropSilentWindows(
            out, windows.windowsOf(0, nSeg), s.noSpeechThreshold(), model.logprobThreshold);
    if (s.hallucinationSilenceThreshold() != null) {
      return markClip(out, (double) clip[0] / SAMPLE_RATE, (double) clip[1] / SAMPLE_RATE);
    }
    return out;
  }

  /** Hands over the segments of complete windows, unless the run is being stopped. */
  private void sendLive() {
    if (!abortRequested) {
      live.sendNew();
    }
  }

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
    return SegmentFilters.dropSilentHallucinations(
        segs, clipBounds, threshold, s.noSpeechThreshold());
  }

  private static void checkFinite(float[] samples) {
    for (float f : samples) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("audio samples contain NaN or infinity");
      }
    }
  }
}
