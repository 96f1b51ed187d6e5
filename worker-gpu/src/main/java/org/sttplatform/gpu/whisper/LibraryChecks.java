package org.sttplatform.gpu.whisper;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks that a loaded library is the whisper.cpp {@value
 * WhisperLibraryLoader#EXPECTED_VERSION} that {@link WhisperNative} maps: its symbols, its version,
 * and its struct layouts.
 */
final class LibraryChecks {

  // under the loader's name, as before these checks had a class of their own
  private static final Logger LOG = LoggerFactory.getLogger(WhisperLibraryLoader.class);

  private LibraryChecks() {}

  static void checkSymbols(NativeLibrary lib, Path path) {
    List<String> missing = new ArrayList<>();
    for (String symbol : WhisperNative.REQUIRED_SYMBOLS) {
      try {
        lib.getFunction(symbol);
      } catch (UnsatisfiedLinkError e) {
        missing.add(symbol);
      }
    }
    if (!missing.isEmpty()) {
      throw new UnsatisfiedLinkError(
          path
              + " is not whisper.cpp "
              + WhisperLibraryLoader.EXPECTED_VERSION
              + ": missing symbols "
              + missing);
    }
  }

  static void checkVersion(NativeLibrary lib, Path path) {
    Function version;
    try {
      version = lib.getFunction("whisper_version");
    } catch (UnsatisfiedLinkError e) {
      // v1.7.1 has no whisper_version(); the layout check covers it. 1.7.2+ export the no-speech
      // read-out: accepted if the layouts check out (1.7.3's are identical), but worth a warning.
      try {
        lib.getFunction("whisper_full_get_segment_no_speech_prob");
        LOG.warn(
            "{} exports whisper_full_get_segment_no_speech_prob, so it is newer than {};"
                + " using it because its struct layouts match",
            path,
            WhisperLibraryLoader.EXPECTED_VERSION);
      } catch (UnsatisfiedLinkError expected) {
        // v1.7.1
      }
      return;
    }
    Object v = version.invoke(String.class, new Object[0]);
    if (!WhisperLibraryLoader.EXPECTED_VERSION.equals(v)) {
      throw new IllegalStateException(
          path
              + " is whisper.cpp "
              + v
              + " but this binding maps the "
              + WhisperLibraryLoader.EXPECTED_VERSION
              + " API (struct layouts differ between versions); use a "
              + WhisperLibraryLoader.EXPECTED_VERSION
              + " build");
    }
  }

  /**
   * Reads the library's default params through our layouts and compares known v1.7.1 defaults; a
   * layout that does not match the library shows up as wrong values.
   */
  static void checkLayout(WhisperNative lib, Path path) {
    List<String> problems = new ArrayList<>();
    Pointer fp = lib.whisper_full_default_params_by_ref(WhisperNative.WHISPER_SAMPLING_GREEDY);
    try {
      WhisperNative.WhisperFullParams p = new WhisperNative.WhisperFullParams(fp);
      if (p.size() != WhisperLibraryLoader.FULL_PARAMS_SIZE) {
        problems.add("sizeof(whisper_full_params) mapped as " + p.size());
      }
      expect(problems, "strategy", p.strategy, 0);
      expect(problems, "n_max_text_ctx", p.n_max_text_ctx, 16384);
      expect(problems, "thold_pt", p.thold_pt, 0.01f);
      expect(problems, "thold_ptsum", p.thold_ptsum, 0.01f);
      expect(problems, "max_initial_ts", p.max_initial_ts, 1.0f);
      expect(problems, "length_penalty", p.length_penalty, -1.0f);
      expect(problems, "temperature_inc", p.temperature_inc, 0.2f);
      expect(problems, "entropy_thold", p.entropy_thold, 2.4f);
      expect(problems, "logprob_thold", p.logprob_thold, -1.0f);
      expect(problems, "no_speech_thold", p.no_speech_thold, 0.6f);
      expect(problems, "greedy.best_of", p.greedy.best_of, 5);
      expect(problems, "beam_search.patience", p.beam_search.patience, -1.0f);
      expect(problems, "grammar_penalty", p.grammar_penalty, 100.0f);
      expect(problems, "new_segment_callback", p.new_segment_callback == null ? 0 : 1, 0);
    } finally {
      lib.whisper_free_params(fp);
    }
    Pointer cp = lib.whisper_context_default_params_by_ref();
    try {
      WhisperNative.WhisperContextParams c = new WhisperNative.WhisperContextParams(cp);
      if (c.size() != WhisperLibraryLoader.CONTEXT_PARAMS_SIZE) {
        problems.add("sizeof(whisper_context_params) mapped as " + c.size());
      }
      expect(problems, "use_gpu", c.use_gpu, 1);
      expect(problems, "dtw_n_top", c.dtw_n_top, -1);
      expect(problems, "dtw_mem_size", c.dtw_mem_size, 128L * 1024 * 1024);
    } finally {
      lib.whisper_free_context_params(cp);
    }
    if (new WhisperNative.WhisperTokenData().size() != WhisperLibraryLoader.TOKEN_DATA_SIZE) {
      problems.add("sizeof(whisper_token_data) mapped wrongly");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          path
              + " does not match the whisper.cpp "
              + WhisperLibraryLoader.EXPECTED_VERSION
              + " struct layouts this binding uses: "
              + problems);
    }
  }

  private static void expect(List<String> problems, String field, double actual, double wanted) {
    if (Math.abs(actual - wanted) > 1e-6 * Math.max(1, Math.abs(wanted))) {
      problems.add(String.format(Locale.ROOT, "%s=%s (expected %s)", field, actual, wanted));
    }
  }
}
