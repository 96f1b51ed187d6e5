package org.sttplatform.gpu.whisper;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sttplatform.workflows.model.Transcript.Segment;
import org.sttplatform.workflows.model.Transcript.Word;

/**
 * Reads results out of one whisper_state for a {@link RecognitionRun}: the segments of its
 * whisper_full call (times, text tokens, decoder statistics, words), and the no-speech probability
 * of the window it has just encoded, which whisper.cpp 1.7.1 has no API for.
 */
final class StateReader {
  private final WhisperCppRecognizer model;
  private final WhisperNative lib;
  private final Pointer ctx;
  private final Pointer state;
  private final RecognitionSettings s;
  private final int threads;

  StateReader(WhisperCppRecognizer model, Pointer state, RecognitionSettings s, int threads) {
    this.model = model;
    this.lib = model.lib;
    this.ctx = model.ctx;
    this.state = state;
    this.s = s;
    this.threads = threads;
  }

  /** How many segments the state's last (or running) whisper_full call has produced. */
  int segmentCount() {
    return lib.whisper_full_n_segments_from_state(state);
  }

  /** softmax(decoder logits at SOT)[no-speech] for the window the state has encoded. */
  double noSpeechProbability(Pointer st) {
    int[] prompt = {model.tokenSot};
    if (lib.whisper_decode_with_state(ctx, st, prompt, 1, 0, threads) != 0) {
      throw new IllegalStateException("whisper_decode_with_state failed");
    }
    float[] logits = lib.whisper_get_logits_from_state(st).getFloatArray(0, model.nVocab);
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return Math.exp(logits[model.tokenNoSpeech] - max) / sum;
  }

  /**
   * Segments {@code from} to {@code to} (exclusive) of the clip's whisper_full, ids from 1, times
   * in absolute seconds clamped to the clip, no_speech_prob from their {@code windows}.
   */
  List<Segment> readSegments(
      int[] clip, int from, int to, boolean withWords, SegmentWindows windows) {
    double clipStart = (double) clip[0] / WhisperCppRecognizer.SAMPLE_RATE;
    double clipEnd = (double) clip[1] / WhisperCppRecognizer.SAMPLE_RATE;
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
        WhisperNative.WhisperTokenData d = lib.whisper_full_get_token_data_from_state(state, i, j);
        if (d.id >= model.tokenEot) {
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
      double noSpeech = windows.noSpeechOf(i);
      List<Word> w = words == null ? null : buildWords(words, start, end);
      out.add(
          new Segment(
              i + 1,
              start,
              end,
              text,
              List.copyOf(ids),
              avgLogprob,
              CompressionRatio.compressionRatio(text),
              noSpeech,
              w));
    }
    return out;
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
}
