package org.sttplatform.gpu.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search fields of the whisper_full_params handed to whisper.cpp, read back from the struct's
 * native memory at v1.7.1's offsets ({@link WhisperNativeLayoutTest}): strategy 0, greedy.best_of
 * 136, beam_search.beam_size 140, beam_search.patience 144.
 */
class WhisperSearchParamsTest {

  static RecognitionSettings greedy() {
    return new RecognitionSettings(
        "en",
        false,
        List.of(0.0, 0.2),
        2.4,
        0.6,
        true,
        null,
        false,
        null,
        null,
        List.of(),
        null,
        1);
  }

  /** The params as whisper.cpp's greedy defaults start them (best_of 5, beam_size -1). */
  static WhisperNative.WhisperFullParams defaults() {
    WhisperNative.WhisperFullParams p = new WhisperNative.WhisperFullParams();
    p.strategy = WhisperNative.WHISPER_SAMPLING_GREEDY;
    p.greedy.best_of = 5;
    p.beam_search.beam_size = -1;
    p.beam_search.patience = -1.0f;
    return p;
  }

  /** {strategy, best_of, beam_size} and patience as the native struct holds them. */
  static Object[] native_(WhisperNative.WhisperFullParams p) {
    p.write();
    Pointer m = p.getPointer();
    return new Object[] {m.getInt(0), m.getInt(136), m.getInt(140), m.getFloat(144)};
  }

  @Test
  void withoutABeamSizeTheStrategyIsGreedyAsBefore() {
    WhisperNative.WhisperFullParams p = defaults();
    WhisperSearchParams.apply(greedy(), p);
    assertThat(native_(p)).containsExactly(WhisperNative.WHISPER_SAMPLING_GREEDY, 5, -1, -1.0f);
  }

  @Test
  void aBeamSizeSelectsBeamSearchWithThatManyBeamsAndKeepsBestOf() {
    WhisperNative.WhisperFullParams p = defaults();
    WhisperSearchParams.apply(greedy().withSearch(2, 3, 1.0), p);
    assertThat(native_(p)).containsExactly(WhisperNative.WHISPER_SAMPLING_BEAM_SEARCH, 3, 2, 1.0f);
  }

  @Test
  void aBeamOfOneIsGreedyDecodingAsInOpenaiWhisper() {
    WhisperNative.WhisperFullParams p = defaults();
    WhisperSearchParams.apply(greedy().withSearch(1, 4, 1.0), p);
    assertThat(native_(p)).containsExactly(WhisperNative.WHISPER_SAMPLING_GREEDY, 4, -1, 1.0f);
  }

  @Test
  void bestOfAloneStaysGreedy() {
    WhisperNative.WhisperFullParams p = defaults();
    WhisperSearchParams.apply(greedy().withSearch(null, 8, null), p);
    assertThat(native_(p)).containsExactly(WhisperNative.WHISPER_SAMPLING_GREEDY, 8, -1, -1.0f);
  }

  @Test
  void valuesWhisperCppCannotRunAreRefusedBeforeTheNativeCall() {
    assertThatThrownBy(() -> WhisperSearchParams.apply(greedy().withSearch(9, 5, null), defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'beam_size'");
    assertThatThrownBy(() -> WhisperSearchParams.check(greedy().withSearch(null, 0, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'best_of'");
    assertThatThrownBy(() -> WhisperSearchParams.check(greedy().withSearch(4, 5, 2.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'patience'");
  }
}
