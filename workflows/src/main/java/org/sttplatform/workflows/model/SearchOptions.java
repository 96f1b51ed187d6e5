package org.sttplatform.workflows.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which values of openai-whisper's search options {@code beam_size}, {@code best_of} and {@code
 * patience} whisper.cpp v1.7.1 can honour: the one check behind the API's 400 and the transcription
 * worker's {@code InvalidOptions} failure, so that no value is silently ignored.
 *
 * <p>What whisper.cpp 1.7.1 does with them ({@code whisper_full_with_state} in src/whisper.cpp):
 *
 * <ul>
 *   <li>Strategy {@code WHISPER_SAMPLING_GREEDY} (no {@code beam_size}): at temperature 0 one
 *       decoder takes the most probable token; at a temperature above 0 (a fall-back), {@code
 *       greedy.best_of} decoders sample and the best-scoring sequence is kept.
 *   <li>Strategy {@code WHISPER_SAMPLING_BEAM_SEARCH}: at temperature 0, {@code
 *       beam_search.beam_size} decoders form the beam; at a temperature above 0, {@code
 *       greedy.best_of} decoders do.
 *   <li>It runs {@code best_of} decoders (greedy) or {@code max(best_of, beam_size)} (beam search),
 *       and fails the call (code -4, "too many decoders requested") above {@code
 *       WHISPER_MAX_DECODERS}, {@value #MAX_DECODERS}.
 *   <li>{@code beam_search.patience} is declared but never read ("TODO: not implemented" in
 *       whisper.h): a beam search ends when every one of its {@code beam_size} hypotheses has
 *       ended, which is what openai-whisper's default patience {@value #PATIENCE_OFF} does.
 * </ul>
 *
 * <p>Like openai-whisper's {@code transcribe}, {@code beam_size} and {@code patience} apply at
 * temperature 0 only and {@code best_of} above 0 only; so that neither is given in vain, {@code
 * beam_size} needs the temperature list to start at 0 (whisper.cpp decodes at the first temperature
 * first) and {@code best_of} needs a temperature above 0 in it.
 */
public final class SearchOptions {

  /** whisper.cpp's {@code WHISPER_MAX_DECODERS}: the most decoders one call may run. */
  public static final int MAX_DECODERS = 8;

  /**
   * Candidates sampled at a temperature above 0 when {@code best_of} is not given: whisper.cpp's
   * greedy default, and openai-whisper's command-line default.
   */
  public static final int DEFAULT_BEST_OF = 5;

  /** The only patience accepted: standard beam search, all whisper.cpp 1.7.1 does. */
  public static final double PATIENCE_OFF = 1.0;

  private SearchOptions() {}

  /** The first search option of {@code o} whisper.cpp cannot honour, described; or {@code null}. */
  public static String problem(DecodeOptions o) {
    return problem(o.beamSize(), o.bestOf(), o.patience(), o.temperature());
  }

  /**
   * The first of these options whisper.cpp cannot honour, described naming the option and what it
   * accepts; or {@code null} when all can be.
   *
   * @param beamSize {@code null} for greedy decoding
   * @param bestOf {@code null} for {@value #DEFAULT_BEST_OF}
   * @param patience {@code null} for none
   * @param temperature the temperatures tried in order; {@code null} entries are skipped, and
   *     {@code null} or empty is {@code [0.0]}
   */
  public static String problem(
      Integer beamSize, Integer bestOf, Double patience, List<Double> temperature) {
    String range = rangeProblem(beamSize, bestOf, patience);
    if (range != null) {
      return range;
    }
    if (patience != null && beamSize == null) {
      return "The 'patience' parameter applies to beam search only; give 'beam_size' too";
    }
    List<Double> given =
        temperature == null ? List.of() : temperature.stream().filter(Objects::nonNull).toList();
    List<Double> temps = given.isEmpty() ? List.of(0.0) : given; // as the worker reads them
    if (beamSize != null && temps.get(0) != 0.0) {
      return ("The 'beam_size' parameter applies at temperature 0 only, but the temperatures %s"
              + " start above 0, so the beam search would never run; start 'temperature' at 0")
          .formatted(temps);
    }
    if (bestOf != null && temps.stream().noneMatch(t -> t > 0)) {
      return ("The 'best_of' parameter applies at temperatures above 0 only, but the temperatures"
              + " %s never go above 0, so no candidates would be sampled; add a fall-back"
              + " temperature (e.g. temperature=0,0.2,0.4,0.6,0.8,1) or omit 'best_of'")
          .formatted(temps);
    }
    return null;
  }

  /**
   * The first value out of what whisper.cpp accepts, whatever the other options: {@code beam_size}
   * and {@code best_of} from 1 to {@value #MAX_DECODERS}, {@code patience} only {@value
   * #PATIENCE_OFF}; or {@code null}. The engine checks this much of settings it is handed.
   */
  public static String rangeProblem(Integer beamSize, Integer bestOf, Double patience) {
    if (beamSize != null && (beamSize < 1 || beamSize > MAX_DECODERS)) {
      return outOfRange("beam_size", beamSize);
    }
    if (bestOf != null && (bestOf < 1 || bestOf > MAX_DECODERS)) {
      return outOfRange("best_of", bestOf);
    }
    if (patience != null && patience != PATIENCE_OFF) {
      return ("Invalid value '%s' for parameter 'patience'; only %s is accepted: whisper.cpp"
              + " 1.7.1 does not implement beam-search patience (its beam search always ends"
              + " when all beam_size hypotheses have ended, which is patience %s)")
          .formatted(number(patience), number(PATIENCE_OFF), number(PATIENCE_OFF));
    }
    return null;
  }

  private static String outOfRange(String name, int value) {
    return ("Invalid value '%d' for parameter '%s'; expected an integer from 1 to %d (whisper.cpp"
            + " 1.7.1 runs at most %d decoders)")
        .formatted(value, name, MAX_DECODERS, MAX_DECODERS);
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(d);
  }
}
