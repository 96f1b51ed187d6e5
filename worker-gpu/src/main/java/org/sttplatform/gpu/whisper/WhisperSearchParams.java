package org.sttplatform.gpu.whisper;

import org.sttplatform.workflows.model.SearchOptions;

/**
 * Sets the search fields of a {@code whisper_full_params} from {@link RecognitionSettings}: the one
 * place the strategy is chosen, for every {@code whisper_full} call (each clip and each chunk of
 * {@link ChunkedRecognition} runs on params built by the recognizer from the same settings).
 *
 * <ul>
 *   <li>no {@code beamSize}: {@code strategy = WHISPER_SAMPLING_GREEDY} (one decoder at temperature
 *       0, as before this option existed);
 *   <li>{@code beamSize} N of 2 or more: {@code strategy = WHISPER_SAMPLING_BEAM_SEARCH}, {@code
 *       beam_search.beam_size = N} (N decoders at temperature 0);
 *   <li>{@code beamSize} 1: greedy, as in openai-whisper (a beam of one keeps the most probable
 *       token) and faster-whisper. whisper.cpp 1.7.1's beam search draws each step's candidates at
 *       random from the token distribution, so its beam of one would sample at temperature 0
 *       (observed: repeated runs on one state give different text, greedy ones the same);
 *   <li>{@code greedy.best_of = bestOf} in both strategies: whisper.cpp runs that many decoders at
 *       every temperature above 0. The greedy defaults the params start from already hold 5; the
 *       beam-search defaults would hold -1 (one decoder), so it is always set here.
 *   <li>{@code beam_search.patience}: the given value, or left at whisper.cpp's default -1.
 *       whisper.cpp 1.7.1 never reads it; {@link SearchOptions} admits only 1.0.
 * </ul>
 */
final class WhisperSearchParams {

  private WhisperSearchParams() {}

  /**
   * @throws IllegalArgumentException a value whisper.cpp cannot honour (over {@value
   *     SearchOptions#MAX_DECODERS} decoders would make whisper_full fail)
   */
  static void check(RecognitionSettings s) {
    String problem = SearchOptions.rangeProblem(s.beamSize(), s.bestOf(), s.patience());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Sets strategy, {@code greedy.best_of}, {@code beam_search.beam_size} and its patience. */
  static void apply(RecognitionSettings s, WhisperNative.WhisperFullParams p) {
    check(s);
    if (s.beamSize() == null || s.beamSize() == 1) {
      p.strategy = WhisperNative.WHISPER_SAMPLING_GREEDY;
    } else {
      p.strategy = WhisperNative.WHISPER_SAMPLING_BEAM_SEARCH;
      p.beam_search.beam_size = s.beamSize();
    }
    p.greedy.best_of = s.bestOf();
    if (s.patience() != null) {
      p.beam_search.patience = s.patience().floatValue();
    }
  }
}
